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

/** A body exactly as it was sent or received (never re-indented: what is shown is the bytes on the wire). */
export function bodyPre(body, truncated) {
  const text = body ?? '';
  return h('pre', { class: 'body' }, text === '' ? '(empty)' : text, truncated ? '\n… (truncated)' : '');
}

/** A time to the millisecond (requests and deliveries come close together; whole seconds hide their order). */
export function timeMs(ms) {
  if (!ms) return '–';
  const d = new Date(ms);
  return d.toLocaleString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
}

/** A replayed row's badge: whether the replay ran as a simulation or for real. */
export function replayBadge(r) {
  if (!r.replay_of) return null;
  const kind = r.simulated === true ? 'simulated replay' : r.simulated === false ? 'real replay' : 'replay';
  return h('span', { class: 'badge' + (r.simulated === false ? ' warn' : ''), title: `replay of #${r.replay_of}` }, kind);
}
