// Switchboard admin page: plain ES module, no build step. Every value from the server is inserted as text
// (never as HTML), and every state-changing call carries the session's CSRF token.

const app = document.getElementById('app');
let session = null;

// ---- DOM and HTTP helpers ------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, message, path) { super(message); this.status = status; this.path = path; }
}

async function api(method, path, body, raw) {
  const headers = {};
  if (session && method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = raw ? body : JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    const e = data && data.error ? data.error : { message: text || res.statusText };
    if (res.status === 401 && !path.startsWith('/admin/')) { session = null; render(); }
    throw new ApiError(res.status, e.message, e.path);
  }
  return data;
}

function notice(kind, text) { return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text); }

function errorText(e) { return e.path ? `${e.message}` + (e.message.includes(e.path) ? '' : ` (at ${e.path})`) : e.message; }

/** Runs an action from a button, showing its failure next to it instead of losing it. */
function action(fn, out) {
  return async (ev) => {
    const btn = ev && ev.currentTarget;
    if (btn) btn.disabled = true;
    try { await fn(); } catch (e) { if (out) out.replaceChildren(notice('error', errorText(e))); else alert(errorText(e)); }
    finally { if (btn) btn.disabled = false; }
  };
}

function badge(state) {
  const kind = { started: 'ok', enabled: 'ok', delivered: 'ok', succeeded: 'ok', live: 'ok', failed: 'bad',
    dead: 'bad', disabled: 'warn', pending: 'warn', retrying: 'warn', stopped: 'warn' }[state] || '';
  return h('span', { class: 'badge ' + kind }, state);
}

function time(ms) { return ms ? new Date(ms).toLocaleString() : '–'; }

// ---- Shell and routing ---------------------------------------------------------------------------------------

const pages = [
  ['plugins', 'Plugins', plugins],
  ['packages', 'Packages', packages],
  ['bots', 'Bots & behaviors', bots],
  ['webhooks', 'Webhooks', webhooks],
  ['subscriptions', 'Subscriptions', subscriptions],
];

async function render() {
  if (!session) {
    try { session = await api('GET', '/admin/session'); } catch { session = null; }
  }
  if (!session) return signIn();
  const [name, ...args] = (location.hash.replace(/^#\/?/, '') || 'plugins').split('/');
  const page = pages.find(p => p[0] === name) || pages[0];
  const main = h('main', { id: 'main', tabindex: '-1' });
  app.replaceChildren(
    h('header', { class: 'top' },
      h('h1', {}, 'Switchboard'),
      h('nav', { 'aria-label': 'Sections' }, pages.map(([id, label]) =>
        h('a', { href: '#/' + id, 'aria-current': id === page[0] ? 'page' : null }, label))),
      h('span', { class: 'who' }, session.principal),
      h('button', { onclick: action(signOut), id: 'signout' }, 'Sign out')),
    main);
  document.title = page[1] + ' · Switchboard';
  try { await page[2](main, args.map(decodeURIComponent)); } catch (e) { main.append(notice('error', errorText(e))); }
}

function signIn(message) {
  const out = h('div');
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'panel signin', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      session = await api('POST', '/admin/login', { token: input.value });
      render();
    } catch (e) { out.replaceChildren(notice('error', errorText(e))); }
  } },
  h('h2', {}, 'Sign in to Switchboard'),
  h('p', { class: 'muted' }, 'Use an admin token: ', h('code', {}, 'java -jar switchboard.jar tokens create me'), ' prints one.'),
  h('label', { for: 'token' }, 'Admin token'), input,
  h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { class: 'primary', type: 'submit', id: 'signin' }, 'Sign in')),
  out);
  app.replaceChildren(form);
  if (message) out.append(notice('info', message));
  input.focus();
}

async function signOut() {
  await api('POST', '/admin/logout');
  session = null;
  history.replaceState(null, '', location.pathname); // no hashchange: it would re-render over the message
  signIn('Signed out.');
}

// ---- Plugins -------------------------------------------------------------------------------------------------

async function plugins(main) {
  const out = h('div');
  const { plugins: list } = await api('GET', '/api/plugins');
  const toggle = (p) => action(async () => {
    const r = await api('POST', `/api/plugins/${encodeURIComponent(p.id)}/${p.enabled ? 'disable' : 'enable'}`);
    await render();
    const affected = r.affected_behaviors || [];
    if (affected.length) {
      document.getElementById('main').prepend(notice('info', `Disabled ${p.id}. These behaviors use its actions and `
        + `will record them as missing until it is enabled again: ${affected.map(b => b.title).join(', ')}.`));
    }
  }, out);
  main.append(h('h2', {}, 'Plugins'), out,
    h('table', { id: 'plugins' },
      h('thead', {}, h('tr', {}, ['Plugin', 'Version', 'Provider', 'State', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(p => h('tr', { 'data-plugin': p.id },
        h('td', {}, h('strong', {}, p.id), p.description ? h('div', { class: 'muted' }, p.description) : null,
          p.error ? h('div', { class: 'notice error' }, p.error) : null),
        h('td', {}, p.version || '–'), h('td', {}, p.provider || '–'),
        h('td', {}, badge(p.state)),
        h('td', {}, p.version ? h('button', { onclick: toggle(p), class: p.enabled ? 'danger' : 'primary' },
          p.enabled ? 'Disable' : 'Enable') : null))))),
    h('p', { class: 'muted' }, 'Drop a plugin jar into the plugins folder; it appears here disabled until you enable it.'));
}

// ---- Packages ------------------------------------------------------------------------------------------------

async function packages(main) {
  const out = h('div', { id: 'import-result' });
  const text = h('textarea', { id: 'package-json', rows: 14, spellcheck: 'false', placeholder: '{"package": {…}, "bots": [ … ]}' });
  const file = h('input', { type: 'file', id: 'package-file', accept: '.json,application/json' });
  const prompts = h('div', { id: 'prompts' });
  const readPrompts = () => {
    prompts.replaceChildren();
    let pkg;
    try { pkg = JSON.parse(text.value); } catch { return; }
    const list = (((pkg || {}).package || {}).configure || {}).prompts || [];
    for (const p of list) {
      if (!p || !p.key) continue;
      const id = 'prompt-' + p.key;
      prompts.append(h('label', { for: id }, p.label || p.key),
        h('input', { type: 'text', id, 'data-key': p.key, value: ((p.params || {}).default) || '' }));
    }
  };
  text.addEventListener('input', readPrompts);
  file.addEventListener('change', async () => { text.value = await file.files[0].text(); readPrompts(); });
  const submit = action(async () => {
    const q = new URLSearchParams();
    prompts.querySelectorAll('input[data-key]').forEach(i => { if (i.value) q.set(i.dataset.key, i.value); });
    const r = await api('POST', '/api/packages/import' + (q.toString() ? '?' + q : ''), text.value, true);
    out.replaceChildren(notice('ok', 'Imported.'), h('table', {},
      h('thead', {}, h('tr', {}, ['Created', 'Name', 'Id'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {},
        r.bots.map(b => h('tr', {}, h('td', {}, 'bot'), h('td', {}, h('a', { href: '#/bots/' + b.id }, b.name)), h('td', {}, b.id))),
        r.behaviors.map(b => h('tr', {}, h('td', {}, 'behavior'), h('td', {}, h('a', { href: `#/bots/${b.bot_id}/${b.id}` }, b.title)), h('td', {}, b.id))),
        r.records.map(x => h('tr', {}, h('td', {}, x._context), h('td', {}, x.uid), h('td', {}, x.id))))));
  }, out);
  main.append(h('h2', {}, 'Import a package'),
    h('div', { class: 'panel' },
      h('p', { class: 'muted' }, 'Paste a Cerb 8 package exactly as Cerb exports it, or choose the file.'),
      h('label', { for: 'package-json' }, 'Package JSON'), text,
      h('label', { for: 'package-file' }, 'or a file'), file,
      prompts,
      h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { class: 'primary', id: 'import', onclick: submit }, 'Import'))),
    out);
}

// ---- Bots and behaviors --------------------------------------------------------------------------------------

async function bots(main, [botId, behaviorId]) {
  if (behaviorId) return behavior(main, Number(behaviorId));
  const out = h('div');
  const [{ bots: list }, { behaviors: all }] = await Promise.all([api('GET', '/api/bots'), api('GET', '/api/behaviors')]);
  main.append(h('h2', {}, 'Bots & behaviors'), out);
  if (!list.length) main.append(h('p', { class: 'muted' }, 'No bots yet. ', h('a', { href: '#/packages' }, 'Import a package'), ' to add one.'));
  for (const bot of list) {
    const toggle = (kind, x) => action(async () => { await api('POST', `/api/${kind}/${x.id}/${x.is_disabled ? 'enable' : 'disable'}`); render(); }, out);
    const mine = all.filter(b => b.bot_id === bot.id);
    main.append(h('section', { class: 'panel', 'data-bot': bot.id },
      h('div', { class: 'row' }, h('h3', { class: 'grow', style: 'margin:0' }, bot.name), badge(bot.is_disabled ? 'disabled' : 'enabled'),
        h('button', { onclick: toggle('bots', bot) }, bot.is_disabled ? 'Enable bot' : 'Disable bot'),
        h('a', { class: 'button', href: `/api/bots/${bot.id}/export`, download: `bot-${bot.id}.json` }, 'Export')),
      h('table', { style: 'margin-top:.8rem' },
        h('thead', {}, h('tr', {}, ['Behavior', 'Event', 'Priority', 'State', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, mine.map(b => h('tr', {},
          h('td', {}, h('a', { href: `#/bots/${bot.id}/${b.id}` }, b.title)), h('td', {}, h('code', {}, b.event)),
          h('td', {}, b.priority), h('td', {}, badge(b.is_disabled ? 'disabled' : 'enabled')),
          h('td', {}, h('button', { onclick: toggle('behaviors', b) }, b.is_disabled ? 'Enable' : 'Disable'))))))));
  }
}

function tree(nodes) {
  return h('ul', {}, (nodes || []).map(n => h('li', {},
    h('span', { class: n.status === 'disabled' ? 'off' : '' }, h('span', { class: 'kind' }, n.type), n.title,
      n.status === 'simulator' ? h('span', { class: 'badge warn' }, 'simulator only') : null),
    n.type === 'action' ? h('ul', {}, ((n.params || {}).actions || []).map(a => h('li', {}, h('code', {}, a.action)))) : null,
    n.type === 'outcome' ? h('ul', {}, ((n.params || {}).groups || []).flatMap(g => (g.conditions || []).map(c =>
      h('li', { class: 'muted' }, `${c.condition} ${c.oper} ${JSON.stringify(c.value ?? '')}`)))) : null,
    n.nodes && n.nodes.length ? tree(n.nodes) : null)));
}

async function behavior(main, id) {
  const [b, { events }] = await Promise.all([api('GET', '/api/behaviors/' + id), api('GET', '/api/events')]);
  const event = events.find(e => e.id === b.event) || { placeholders: [] };
  const sample = {};
  for (const p of event.placeholders || []) sample[p.name] = p.type === 'map' ? {} : p.type === 'number' ? 0 : '';
  const input = h('textarea', { id: 'placeholders', rows: 10, spellcheck: 'false' }, JSON.stringify(sample, null, 2));
  const result = h('div', { id: 'simulation' });
  const run = action(async () => {
    let values;
    try { values = JSON.parse(input.value || '{}'); } catch (e) { throw new ApiError(400, 'placeholder values are not valid JSON: ' + e.message); }
    const r = await api('POST', `/api/behaviors/${id}/simulate`, values);
    result.replaceChildren(
      r.errors.length ? notice('error', r.errors.join('\n')) : notice('ok', r.exited ? 'Exited early.' : 'Ran to the end.'),
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'Trace'), h('pre', { id: 'trace' }, r.trace_text.join('\n'))),
        h('div', {}, h('h3', {}, 'Final dictionary'), h('pre', {}, JSON.stringify(r.dictionary, null, 2)))));
  }, result);
  main.append(h('p', {}, h('a', { href: '#/bots' }, '← Bots & behaviors')),
    h('h2', {}, b.title), h('p', { class: 'muted' }, 'Event ', h('code', {}, b.event), ` · priority ${b.priority}`),
    h('div', { class: 'split' },
      h('section', { class: 'panel tree', 'aria-label': 'Decision tree' }, h('h3', { style: 'margin-top:0' }, 'Decision tree'), tree(b.nodes)),
      h('section', { class: 'panel' }, h('h3', { style: 'margin-top:0' }, 'Simulator'),
        h('p', { class: 'muted' }, 'A dry run: actions with side effects are described, not done.'),
        h('label', { for: 'placeholders' }, 'Placeholder values (JSON)'), input,
        h('div', { class: 'row', style: 'margin-top:.8rem' }, h('button', { class: 'primary', id: 'simulate', onclick: run }, 'Run simulator')))),
    result);
}

// ---- Shared bits for the webhooks plugin's pages -------------------------------------------------------------

/** Loads a webhooks-plugin route, turning "the plugin is not running" (404) into a message that says so. */
async function pluginApi(path) {
  try { return await api('GET', path); } catch (e) {
    if (e.status === 404 && !/\/\d+/.test(path)) {
      throw new ApiError(404, 'This needs the webhooks plugin: enable it on the Plugins page.');
    }
    throw e;
  }
}

function field(id, label, input, hint) {
  input.id = id;
  return h('div', {}, h('label', { for: id }, label), input, hint ? h('div', { class: 'muted small' }, hint) : null);
}

function copyButton(text, label) {
  const btn = h('button', { type: 'button', class: 'copy' }, label || 'Copy');
  btn.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(text); btn.textContent = 'Copied'; }
    catch { window.prompt('Copy this:', text); }
  });
  return btn;
}

function headersPre(headers) {
  return (headers || []).map(x => Array.isArray(x) ? `${x[0]}: ${x[1]}` : `${x.name}: ${x.value}`).join('\n');
}

function bodyPre(body, truncated) {
  let text = body ?? '';
  try { if (text && /^[\[{]/.test(text.trim())) text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as sent */ }
  return h('pre', {}, text === '' ? '(empty)' : text, truncated ? '\n… (truncated)' : '');
}

// ---- Webhook listeners ---------------------------------------------------------------------------------------

async function webhooks(main, [listenerId, requestId]) {
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
  const b = await api('GET', '/api/behaviors/' + l.behavior_id).catch(() => null);
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
        h('thead', {}, h('tr', {}, ['Received', 'Request', 'Status', 'Time', 'Error'].map(t => h('th', { scope: 'col' }, t)))), body));
    }
    body.append(...page.requests.map(r => h('tr', { 'data-request': r.id },
      h('td', {}, h('a', { href: `#/webhooks/${id}/${r.id}` }, time(r.received_at)), r.replay_of ? h('span', { class: 'badge' }, 'replay') : null),
      h('td', {}, h('code', {}, `${r.method} /${r.path || ''}${r.query ? '?' + r.query : ''}`)),
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
    const x = await api('POST', `/api/webhooks/listeners/${listenerId}/requests/${requestId}/replay` + (live ? '?live=true' : ''));
    result.replaceChildren(notice('ok', (x.simulated ? 'Simulated' : 'Replayed') + ` with the current behavior: status ${x.response.status}.`),
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'Response'), h('pre', {}, headersPre(x.response.headers)), bodyPre(x.response.body, x.response.body_truncated)),
        h('div', {}, h('h3', {}, 'Trace'), h('pre', {}, x.trace_text || ''))),
      x.simulated ? null : h('p', {}, h('a', { href: `#/webhooks/${listenerId}/${x.id}` }, 'Open the new log entry')));
  }, result);
  const q = r.request;
  main.append(h('p', {}, h('a', { href: '#/webhooks/' + listenerId }, '← Request log')),
    h('h2', {}, `${q.method} /${q.path || ''}${q.query ? '?' + q.query : ''}`),
    h('p', { class: 'muted' }, `${time(r.received_at)} from ${q.client_ip} · ${(r.duration_micros / 1000).toFixed(1)} ms`,
      r.replay_of ? ` · replay of #${r.replay_of}` : ''),
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

// ---- Outbound subscriptions ----------------------------------------------------------------------------------

const SUBSCRIPTION_FIELDS = ['name', 'description', 'enabled', 'url', 'events', 'filter', 'payload_format',
  'payload_template', 'post_mode', 'auth', 'custom_header', 'secret', 'github_signature', 'secret_in_payload'];
const KNOWN_EVENTS = ['ticket.created', 'ticket.updated', 'ticket.deleted', 'webhook.subscription.disabled'];

function secretNotice(secret, what) {
  return h('div', { class: 'notice ok', role: 'status' }, `${what} Copy the signing secret now; it is not shown again: `,
    h('code', { id: 'new-secret' }, secret), ' ', copyButton(secret));
}

async function subscriptions(main, [subscriptionId, deliveryId]) {
  if (deliveryId) return delivery(main, Number(subscriptionId), Number(deliveryId));
  if (subscriptionId) return subscription(main, Number(subscriptionId));
  const out = h('div', { id: 'subscription-result' });
  const { subscriptions: list } = await pluginApi('/api/webhooks/subscriptions');
  const f = {
    name: h('input', { type: 'text', required: true, placeholder: 'crm-sync' }),
    url: h('input', { type: 'url', required: true, placeholder: 'https://example.com/hooks/switchboard' }),
    events: h('input', { type: 'text', list: 'known-events', value: 'ticket.created, ticket.updated' }),
    payload_format: h('select', {}, ['json', 'xml'].map(v => h('option', { value: v }, v.toUpperCase()))),
    post_mode: h('select', {}, [['async', 'Async, with durable retries'], ['sync', 'Sync (a failure is retried later)'],
      ['sync_critical', 'Sync critical (a failure vetoes the change)']].map(([v, t]) => h('option', { value: v }, t))),
  };
  const create = action(async () => {
    const s = await api('POST', '/api/webhooks/subscriptions', {
      name: f.name.value, url: f.url.value, events: f.events.value.split(',').map(x => x.trim()).filter(Boolean),
      payload_format: f.payload_format.value, post_mode: f.post_mode.value });
    location.hash = '#/subscriptions/' + s.id;
    // The hash change re-renders; the secret goes with it, once.
    sessionStorage.setItem('switchboard.secret.' + s.id, s.secret || '');
  }, out);
  main.append(h('h2', {}, 'Subscriptions'),
    h('p', { class: 'muted' }, 'Subscriptions send helpdesk events to other systems, signed per Standard Webhooks.'),
    list.length ? h('table', { id: 'subscriptions' },
      h('thead', {}, h('tr', {}, ['Subscription', 'URL', 'Events', 'Mode', 'State'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(s => h('tr', { 'data-subscription': s.id },
        h('td', {}, h('a', { href: '#/subscriptions/' + s.id }, s.name)),
        h('td', {}, h('span', { class: 'url' }, s.url)),
        h('td', {}, s.events.map(e => h('code', { class: 'tag' }, e))),
        h('td', {}, s.post_mode.replace('_', ' ')),
        h('td', {}, badge(s.enabled ? 'enabled' : 'disabled'), s.disabled_reason ? h('div', { class: 'muted small' }, s.disabled_reason) : null)))))
      : h('p', { class: 'muted' }, 'No subscriptions yet.'),
    h('section', { class: 'panel', style: 'margin-top:1rem' }, h('h3', { style: 'margin-top:0' }, 'New subscription'),
      h('datalist', { id: 'known-events' }, KNOWN_EVENTS.map(e => h('option', { value: e }))),
      field('subscription-name', 'Name', f.name, 'Letters, digits, ".", "_" and "-".'),
      field('subscription-url', 'Receiver URL', f.url),
      field('subscription-events', 'Events (comma-separated)', f.events, 'For example ' + KNOWN_EVENTS.join(', ') + '.'),
      h('div', { class: 'grid3' }, field('subscription-format', 'Payload', f.payload_format), field('subscription-mode', 'Delivery', f.post_mode)),
      h('p', { class: 'muted' }, 'Filters, templates, authentication and custom headers: see docs/webhooks-outbound.md (the API takes them all).'),
      h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { class: 'primary', id: 'create-subscription', onclick: create }, 'Create subscription'))),
    out);
}

async function subscription(main, id) {
  const out = h('div', { id: 'subscription-result' });
  const [s, { deliveries }] = await Promise.all([pluginApi('/api/webhooks/subscriptions/' + id),
    api('GET', `/api/webhooks/deliveries?subscription=${id}&limit=100`)]);
  const fresh = sessionStorage.getItem('switchboard.secret.' + id);
  sessionStorage.removeItem('switchboard.secret.' + id);
  const put = async (changes) => {
    const body = {};
    for (const k of SUBSCRIPTION_FIELDS) if (k in s) body[k] = s[k];
    await api('PUT', '/api/webhooks/subscriptions/' + id, Object.assign(body, changes));
  };
  const toggle = action(async () => { await put({ enabled: !s.enabled }); await render(); }, out);
  const test = action(async () => {
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/test`);
    const a = r.attempt;
    out.replaceChildren(notice(a.succeeded ? 'ok' : 'error', a.succeeded
      ? `Test delivered: the receiver answered ${a.response.status} in ${a.duration_ms} ms.`
      : `Test failed: ${a.error || 'the receiver answered ' + (a.response ? a.response.status : 'nothing')}.`));
  }, out);
  const rotate = action(async () => {
    if (!confirm('Rotate the signing secret? The old one keeps signing for 24 hours.')) return;
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/rotate-secret`, { grace_seconds: 86400 });
    out.replaceChildren(secretNotice(r.secret, 'Rotated.'));
  }, out);
  const replayDead = action(async () => {
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/replay?since=0`);
    await render();
    document.getElementById('main').prepend(notice('ok', `${r.replayed} dead deliveries are due again.`));
  }, out);
  const remove = action(async () => {
    if (!confirm(`Delete subscription "${s.name}"?`)) return;
    await api('DELETE', '/api/webhooks/subscriptions/' + id);
    location.hash = '#/subscriptions';
  }, out);
  const redeliver = (d) => action(async () => {
    await api('POST', `/api/webhooks/deliveries/${d.id}/redeliver`);
    await render();
  }, out);
  const table = h('div', { id: 'delivery-list' });
  const filters = ['', 'pending', 'succeeded', 'dead'].map(v => h('button', { type: 'button', 'data-filter': v || 'all' }, v || 'all'));
  const show = (status) => {
    filters.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.filter === (status || 'all'))));
    const shown = status ? deliveries.filter(d => d.status === status) : deliveries;
    table.replaceChildren(shown.length ? h('table', { id: 'deliveries' },
      h('thead', {}, h('tr', {}, ['Created', 'Event', 'State', 'Attempts', 'Last answer', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shown.map(d => h('tr', { 'data-delivery': d.id, 'data-status': d.status },
        h('td', {}, h('a', { href: `#/subscriptions/${id}/${d.id}` }, time(d.created_at))),
        h('td', {}, h('code', {}, d.event_type)),
        h('td', {}, badge(d.status), d.status === 'pending' && d.next_attempt_at ? h('div', { class: 'muted small' }, 'next ' + time(d.next_attempt_at)) : null),
        h('td', {}, d.attempt_count),
        h('td', { class: 'muted' }, d.last_status ? String(d.last_status) : '', d.last_error ? ' ' + d.last_error : ''),
        h('td', {}, h('button', { class: 'redeliver', onclick: redeliver(d) }, d.status === 'pending' ? 'Send now' : 'Redeliver'))))))
      : h('p', { class: 'muted' }, 'No deliveries' + (status ? ` with state ${status}` : '') + '.'));
  };
  filters.forEach(b => b.addEventListener('click', () => show(b.dataset.filter === 'all' ? '' : b.dataset.filter)));
  main.append(h('p', {}, h('a', { href: '#/subscriptions' }, '← Subscriptions')),
    h('div', { class: 'row' }, h('h2', { class: 'grow' }, s.name), badge(s.enabled ? 'enabled' : 'disabled')),
    fresh ? secretNotice(fresh, 'Created.') : null,
    s.disabled_reason ? notice('error', 'Disabled: ' + s.disabled_reason) : null,
    out,
    h('section', { class: 'panel' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'URL'), h('dd', { class: 'url' }, s.url),
        h('dt', {}, 'Events'), h('dd', {}, s.events.map(e => h('code', { class: 'tag' }, e))),
        h('dt', {}, 'Payload'), h('dd', {}, s.payload_format.toUpperCase(), s.payload_template ? ' from a template' : ' envelope'),
        h('dt', {}, 'Delivery'), h('dd', {}, s.post_mode.replace('_', ' ')),
        h('dt', {}, 'Signed'), h('dd', {}, s.secret ? 'yes (Standard Webhooks)' + (s.github_signature ? ' and X-Hub-Signature-256' : '') : 'no'),
        s.filter ? [h('dt', {}, 'Filter'), h('dd', {}, h('code', {}, s.filter))] : null),
      h('div', { class: 'row' },
        h('button', { class: 'primary', id: 'send-test', onclick: test }, 'Send a test event'),
        h('button', { id: 'toggle-subscription', onclick: toggle }, s.enabled ? 'Disable' : 'Enable'),
        s.secret ? h('button', { id: 'rotate-secret', onclick: rotate }, 'Rotate secret') : null,
        h('button', { id: 'replay-dead', onclick: replayDead }, 'Retry all dead deliveries'),
        h('button', { class: 'danger', id: 'delete-subscription', onclick: remove }, 'Delete'))),
    h('div', { class: 'row' }, h('h3', { class: 'grow' }, 'Deliveries'), filters,
      h('button', { onclick: action(render, out) }, 'Reload')),
    table);
  show('');
}

async function delivery(main, subscriptionId, id) {
  const out = h('div');
  const d = await pluginApi('/api/webhooks/deliveries/' + id);
  main.append(h('p', {}, h('a', { href: '#/subscriptions/' + subscriptionId }, '← Deliveries')),
    h('div', { class: 'row' }, h('h2', { class: 'grow' }, h('code', {}, d.event_type), ' ', d.webhook_id), badge(d.status),
      h('button', { id: 'redeliver', onclick: action(async () => {
        await api('POST', `/api/webhooks/deliveries/${id}/redeliver`); await render(); }, out) }, d.status === 'pending' ? 'Send now' : 'Redeliver')),
    out,
    h('h3', {}, 'Payload'), h('pre', { id: 'payload' }, typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload, null, 2)),
    h('h3', {}, `Attempts (${d.attempts.length})`),
    ...(d.attempts.length ? d.attempts.map((a, n) => h('section', { class: 'panel attempt' },
      h('div', { class: 'row' }, h('strong', { class: 'grow' }, `#${n + 1} · ${time(a.started_at)} · ${a.duration_ms} ms`),
        badge(a.succeeded ? 'succeeded' : 'failed')),
      a.error ? notice('error', a.error) : null,
      h('div', { class: 'split' },
        h('div', {}, h('h4', {}, 'Request'), h('pre', {}, `${a.request.method} ${a.request.url}\n${headersPre(a.request.headers)}`)),
        h('div', {}, h('h4', {}, a.response ? `Response ${a.response.status}` : 'No response'),
          a.response ? [h('pre', {}, headersPre(a.response.headers)), bodyPre(a.response.body, a.response.truncated)] : null))))
      : [h('p', { class: 'muted' }, 'Not attempted yet.')]));
}

window.addEventListener('hashchange', render);
render();
