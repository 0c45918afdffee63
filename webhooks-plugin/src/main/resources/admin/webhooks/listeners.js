// The webhooks plugin's Webhooks page: listeners (create, copy the URL, rename, rebind, limits, regenerate,
// delete), each one's request log, and a logged request with its replay.

import { h, api, add, action, notice, field, copyButton, render } from '/admin/ui.js';
import { pluginApi, headersPre, bodyPre, timeMs, replayBadge } from './common.js';

export default async function webhooks(main, [listenerId, requestId]) {
  if (requestId) return webhookRequest(main, Number(listenerId), Number(requestId));
  if (listenerId) return webhookListener(main, Number(listenerId));
  const out = h('div', { id: 'listener-result' });
  const [{ listeners }, { behaviors }] = await Promise.all([pluginApi('/api/webhooks/listeners'), api('GET', '/api/behaviors')]);
  const eligible = behaviors.filter(b => b.event === 'event.webhook.received');
  const byId = Object.fromEntries(behaviors.map(b => [b.id, b]));
  const name = h('input', { type: 'text', required: true, maxlength: 255 });
  const behavior = h('select', {}, eligible.map(b => h('option', { value: b.id }, `${b.title} (#${b.id})`)));
  const create = action(async () => {
    const l = await api('POST', '/api/webhooks/listeners', { name: name.value, behavior_id: Number(behavior.value) });
    location.hash = '#/webhooks/' + l.id;
  }, out);
  main.append(h('h2', {}, 'Webhook listeners'),
    h('p', { class: 'muted' }, 'Each listener has an unguessable URL; any request to it runs its behavior, which builds the answer.'),
    listeners.length ? h('table', { id: 'listeners' },
      h('thead', {}, h('tr', {}, ['Listener', 'URL', 'Behavior', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, listeners.map(l => h('tr', { 'data-listener': l.id },
        h('td', {}, h('a', { href: '#/webhooks/' + l.id }, l.name)),
        h('td', {}, h('span', { class: 'url' }, l.url), ' ', copyButton(l.url, 'Copy URL')),
        h('td', {}, byId[l.behavior_id] ? h('a', { href: `#/bots/${byId[l.behavior_id].bot_id}/${l.behavior_id}` }, byId[l.behavior_id].title) : `#${l.behavior_id}`),
        h('td', {}, h('a', { href: '#/webhooks/' + l.id }, 'Requests')))))) : h('p', { class: 'muted' }, 'No listeners yet.'),
    h('section', { class: 'panel', style: 'margin-top:1rem' }, h('h3', { style: 'margin-top:0' }, 'New listener'),
      eligible.length ? [
        field('listener-name', 'Name', name),
        field('listener-behavior', 'Behavior (on event.webhook.received)', behavior),
        h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { class: 'primary', id: 'create-listener', onclick: create }, 'Create listener'))]
        : h('p', { class: 'muted' }, 'No behavior handles event.webhook.received yet. ', h('a', { href: '#/packages' }, 'Import a package'), ' with one first.')),
    out);
}

async function webhookListener(main, id) {
  const out = h('div', { id: 'listener-result' });
  const l = await pluginApi('/api/webhooks/listeners/' + id);
  const [b, { behaviors }] = await Promise.all([api('GET', '/api/behaviors/' + l.behavior_id).catch(() => null),
    api('GET', '/api/behaviors')]);
  const eligible = behaviors.filter(x => x.event === 'event.webhook.received');
  const name = h('input', { type: 'text', required: true, maxlength: 255, value: l.name });
  const behavior = h('select', {}, eligible.map(x => h('option', { value: x.id, selected: x.id === l.behavior_id },
    `${x.title} (#${x.id})`)), eligible.some(x => x.id === l.behavior_id) ? null
    : h('option', { value: '', selected: true }, `behavior #${l.behavior_id} (missing: choose one)`));
  const saveListener = action(async () => {
    const body = {};
    if (name.value !== l.name) body.name = name.value;
    if (behavior.value !== '' && Number(behavior.value) !== l.behavior_id) body.behavior_id = Number(behavior.value);
    if (!Object.keys(body).length) { out.replaceChildren(notice('ok', 'Nothing changed.')); return; }
    await api('PATCH', '/api/webhooks/listeners/' + id, body);
    await render();
    document.getElementById('main').prepend(notice('ok', body.behavior_id
      ? 'Saved. The next request runs the new behavior; the URL stays the same.' : 'Saved.'));
  }, out);
  const limits = { body_limit: 'Largest body (bytes)', rate_limit: 'Requests per minute', max_concurrent: 'Concurrent requests' };
  const inputs = Object.fromEntries(Object.keys(limits).map(k =>
    [k, h('input', { type: 'number', min: 1, value: l[k] ?? '', placeholder: 'configured default' })]));
  const save = action(async () => {
    const body = {};
    for (const [k, i] of Object.entries(inputs)) body[k] = i.value === '' ? null : Number(i.value);
    await api('PATCH', '/api/webhooks/listeners/' + id, body);
    await render();
    document.getElementById('main').prepend(notice('ok', 'Limits saved.'));
  }, out);
  const regenerate = action(async () => {
    if (!confirm('The current URL stops working at once. Continue?')) return;
    await api('POST', `/api/webhooks/listeners/${id}/regenerate`);
    await render();
  }, out);
  const remove = action(async () => {
    if (!confirm(`Delete listener "${l.name}" and its request log?`)) return;
    await api('DELETE', '/api/webhooks/listeners/' + id);
    location.hash = '#/webhooks';
  }, out);
  const log = h('div', { id: 'request-log' });
  const loadPage = async (before) => {
    const page = await api('GET', `/api/webhooks/listeners/${id}/requests?limit=50` + (before ? '&before=' + before : ''));
    log.querySelector('.more')?.remove();
    let body = log.querySelector('tbody');
    if (!body) {
      if (!page.requests.length) { log.replaceChildren(h('p', { class: 'muted' }, 'No requests yet. Call the URL and reload.')); return; }
      body = h('tbody');
      log.replaceChildren(h('table', { id: 'requests' },
        h('thead', {}, h('tr', {}, ['Received', 'Request', 'Client IP', 'Status', 'Time', 'Error'].map(t => h('th', { scope: 'col' }, t)))), body));
    }
    body.append(...page.requests.map(r => h('tr', { 'data-request': r.id },
      h('td', {}, h('a', { href: `#/webhooks/${id}/${r.id}` }, timeMs(r.received_at)), ' ', replayBadge(r)),
      h('td', {}, h('code', {}, `${r.method} /${r.path || ''}${r.query ? '?' + r.query : ''}`)),
      h('td', { class: 'client-ip' }, r.client_ip || ''),
      h('td', {}, h('span', { class: 'badge ' + (r.status < 400 ? 'ok' : r.status < 500 ? 'warn' : 'bad') }, r.status)),
      h('td', {}, (r.duration_micros / 1000).toFixed(1) + ' ms'),
      h('td', { class: 'muted' }, r.error || ''))));
    if (page.next) log.append(h('button', { class: 'more', onclick: action(() => loadPage(page.next), out) }, 'Older requests'));
  };
  main.append(h('p', {}, h('a', { href: '#/webhooks' }, '← Webhook listeners')),
    h('h2', {}, l.name), out,
    h('section', { class: 'panel' },
      h('label', {}, 'URL'), h('div', { class: 'row' }, h('span', { class: 'url grow', id: 'listener-url' }, l.url), copyButton(l.url, 'Copy URL')),
      h('p', { class: 'muted' }, 'Runs ', b ? h('a', { href: `#/bots/${b.bot_id}/${b.id}` }, b.title) : `behavior #${l.behavior_id} (missing)`,
        '. Treat the URL as a secret; regenerate it if it leaks.'),
      h('div', { class: 'row' }, h('button', { onclick: regenerate, id: 'regenerate' }, 'Regenerate URL'),
        h('button', { class: 'danger', onclick: remove, id: 'delete-listener' }, 'Delete listener'))),
    h('section', { class: 'panel' }, h('h3', { style: 'margin-top:0' }, 'Name and behavior'),
      h('div', { class: 'grid3' }, field('listener-name', 'Name', name),
        field('listener-behavior', 'Behavior (on event.webhook.received)', behavior,
          'Rebinding keeps the URL and the request log; the next request runs the new behavior.')),
      h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { onclick: saveListener, id: 'save-listener' }, 'Save'))),
    h('section', { class: 'panel' }, h('h3', { style: 'margin-top:0' }, 'Limits'),
      h('div', { class: 'grid3' }, Object.entries(limits).map(([k, label]) => field('limit-' + k, label, inputs[k]))),
      h('p', { class: 'muted small' }, 'Empty uses the configured default (1 MiB, 600000 a minute, 32 at once unless changed).'),
      h('div', { class: 'row' }, h('button', { onclick: save, id: 'save-limits' }, 'Save limits'))),
    h('div', { class: 'row' }, h('h3', { class: 'grow' }, 'Request log'), h('button', { onclick: action(render, out) }, 'Reload')),
    log);
  await loadPage(null);
}

async function webhookRequest(main, listenerId, requestId) {
  const r = await pluginApi(`/api/webhooks/listeners/${listenerId}/requests/${requestId}`);
  const result = h('div', { id: 'replay-result' });
  const replay = (live) => action(async () => {
    if (live && !confirm('Replay for real? The behavior runs again with its real actions (messages, HTTP requests, '
      + 'record changes happen again). "Replay as a simulation" shows the answer without them.')) return;
    const x = await api('POST', `/api/webhooks/listeners/${listenerId}/requests/${requestId}/replay` + (live ? '?live=true' : ''));
    result.replaceChildren();
    add(result, notice('ok', (x.simulated ? 'Simulated' : 'Replayed') + ` with the current behavior: status ${x.response.status}.`),
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'Response'), h('pre', {}, headersPre(x.response.headers)), bodyPre(x.response.body, x.response.body_truncated)),
        h('div', {}, h('h3', {}, 'Trace'), h('pre', {}, x.trace_text || ''))),
      x.simulated ? null : h('p', {}, h('a', { href: `#/webhooks/${listenerId}/${x.id}` }, 'Open the new log entry')));
  }, result);
  const q = r.request;
  add(main, h('p', {}, h('a', { href: '#/webhooks/' + listenerId }, '← Request log')),
    h('h2', {}, `${q.method} /${q.path || ''}${q.query ? '?' + q.query : ''}`),
    h('p', { class: 'muted' }, `${timeMs(r.received_at)} from ${q.client_ip} · ${(r.duration_micros / 1000).toFixed(1)} ms`,
      r.replay_of ? ` · ${r.simulated === true ? 'simulated' : r.simulated === false ? 'real' : ''} replay of #${r.replay_of}`.replace('  ', ' ') : ''),
    r.error ? notice('error', r.error) : null,
    h('div', { class: 'split' },
      h('section', {}, h('h3', {}, 'Request'), h('pre', { id: 'request-headers' }, headersPre(q.headers)), bodyPre(q.body, q.body_truncated)),
      h('section', {}, h('h3', {}, `Response ${r.response.status}`), h('pre', {}, headersPre(r.response.headers)),
        bodyPre(r.response.body, r.response.body_truncated))),
    h('h3', {}, 'Trace'), h('pre', { id: 'request-trace' }, r.trace_text || '(the behavior did not run)'),
    h('div', { class: 'row' },
      h('button', { class: 'primary', id: 'replay-simulate', onclick: replay(false) }, 'Replay as a simulation'),
      h('button', { id: 'replay-live', onclick: replay(true) }, 'Replay for real')),
    result);
}
