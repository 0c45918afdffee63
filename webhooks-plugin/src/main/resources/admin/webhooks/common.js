// What the webhooks plugin's admin pages share: API reads that say when the plugin is not running, and the
// headers and bodies of logged requests, replays and delivery attempts.

import { h, api, ApiError } from '/admin/ui.js';

/** Loads a webhooks-plugin route, turning "the plugin is not running" (404) into a message that says so. */
export async function pluginApi(path) {
  try { return await api('GET', path); } catch (e) {
    if (e.status === 404 && !/\/\d+/.test(path)) {
      throw new ApiError(404, 'This needs the webhooks plugin: enable it on the Plugins page.');
    }
    throw e;
  }
}

export function headersPre(headers) {
  return (headers || []).map(x => Array.isArray(x) ? `${x[0]}: ${x[1]}` : `${x.name}: ${x.value}`).join('\n');
}

export function bodyPre(body, truncated) {
  let text = body ?? '';
  try { if (text && /^[\[{]/.test(text.trim())) text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as sent */ }
  return h('pre', {}, text === '' ? '(empty)' : text, truncated ? '\n… (truncated)' : '');
}
