// Switchboard admin page: plain ES module, no build step. Every value from the server is inserted as text
// (never as HTML), and every state-changing call carries the session's CSRF token.

const app = document.getElementById('app');
let session = null;
let flash = null; // a notice for the next page rendered (set before navigating)

// ---- DOM and HTTP helpers ------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** The same for SVG elements (inline charts). */
function svg(tag, attrs, ...children) {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

/** Appends to an existing element, skipping null and false as h() does (Element.append would print "null"). */
function add(el, ...children) {
  return fill(el, null, children);
}

function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style') el.style.cssText = v; // the CSP (style-src 'self') drops style attributes, not CSSOM
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
      h('button', { onclick: action(signOut), id: 'signout' }, 'Sign out'),
      h('button', { onclick: action(signOutEverywhere), id: 'signout-everywhere',
        title: 'End every admin session on every node, this one included' }, 'Sign out everywhere')),
    main);
  document.title = page[1] + ' · Switchboard';
  try { await page[2](main, args.map(decodeURIComponent)); } catch (e) { main.append(notice('error', errorText(e))); }
  if (flash) { main.prepend(flash); flash = null; }
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

async function signOutEverywhere() {
  if (!confirm('End every admin session, on every browser and node, this one included?')) return;
  const r = await api('POST', '/api/sessions/end-all');
  session = null;
  history.replaceState(null, '', location.pathname);
  signIn(`Signed out everywhere: ${r.ended} session(s) ended.`);
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
      // The same rule as the importer's: a hidden or password prompt is a secret, typed but never shown.
      const params = p.params || {};
      const secret = [p.hidden, params.hidden].some(v => v === true || v === 1 || v === '1')
        || ['password', 'hidden'].includes(p.type) || ['password', 'hidden'].includes(params.type);
      prompts.append(h('label', { for: id }, p.label || p.key),
        h('input', { type: secret ? 'password' : 'text', id, 'data-key': p.key, autocomplete: secret ? 'off' : null,
          value: secret ? '' : (params.default || '') }));
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
const POST_MODES = [['async', 'Async, with durable retries'], ['sync', 'Sync (a failure is retried later)'],
  ['sync_critical', 'Sync critical (a failure vetoes the change)']];
const UNCHANGED = 'unchanged (type a new one to replace it)';

function secretNotice(secret, what) {
  return h('div', { class: 'notice ok', role: 'status' }, `${what} Copy the signing secret now; it is not shown again: `,
    h('code', { id: 'new-secret' }, secret), ' ', copyButton(secret));
}

function select(options, current) {
  return h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === current }, t)));
}

function checkbox(id, label, checked, hint) {
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, checked }), h('label', { for: id }, label),
    hint ? h('span', { class: 'muted small' }, hint) : null);
}

/**
 * The create/edit form with every field the subscription API takes. Secrets the API masks on read are never put
 * back into the form: they are sent only when the user types a new one, so the stored ones are kept. A 422 is
 * shown next to the form, naming the field, which is marked invalid and focused.
 */
function subscriptionForm(s, submitLabel, submitId, onSubmit) {
  const editing = Boolean(s);
  s = s || { name: '', description: '', enabled: true, url: '', events: ['ticket.created', 'ticket.updated'],
    payload_format: 'json', post_mode: 'async', auth: { type: 'none' }, custom_header: null };
  const had = { basic: s.auth.type === 'basic', bearer: s.auth.type === 'bearer', header: Boolean(s.custom_header) };
  const f = {
    name: h('input', { type: 'text', required: true, maxlength: 100, placeholder: 'crm-sync', value: s.name }),
    description: h('input', { type: 'text', maxlength: 1000, value: s.description || '' }),
    url: h('input', { type: 'url', required: true, placeholder: 'https://example.com/hooks/switchboard', value: s.url }),
    events: h('input', { type: 'text', list: 'known-events', value: s.events.join(', ') }),
    filter: h('textarea', { rows: 2, spellcheck: 'false', class: 'short', placeholder: "{{ ticket.status == 'open' }}" }, s.filter || ''),
    payload_format: select([['json', 'JSON'], ['xml', 'XML']], s.payload_format),
    post_mode: select(POST_MODES, s.post_mode),
    payload_template: h('textarea', { rows: 6, spellcheck: 'false',
      placeholder: '{"subject": "{{ ticket.subject }}", "event": "{{ event.id }}"}' }, s.payload_template || ''),
    auth_type: select([['none', 'None'], ['basic', 'HTTP Basic'], ['bearer', 'Bearer token']], s.auth.type),
    auth_username: h('input', { type: 'text', autocomplete: 'off', value: s.auth.username || '' }),
    auth_password: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.basic ? UNCHANGED : null }),
    auth_token: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.bearer ? UNCHANGED : null }),
    header_name: h('input', { type: 'text', autocomplete: 'off', placeholder: 'X-Tenant', value: s.custom_header ? s.custom_header.name : '' }),
    header_value: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.header ? UNCHANGED : null }),
    signing: select(editing
      ? [s.secret ? ['keep', 'Keep the current secret'] : ['none', 'Unsigned'], ['own', 'Use my own secret'],
        s.secret ? ['none', 'Remove the secret (unsigned)'] : null].filter(Boolean)
      : [['generate', 'Generate a secret (shown once)'], ['own', 'Use my own secret'], ['none', 'Unsigned']]),
    secret: h('input', { type: 'password', autocomplete: 'new-password', placeholder: 'whsec_…' }),
  };
  const enabled = checkbox('subscription-enabled', 'Enabled', s.enabled);
  const github = checkbox('subscription-github', 'Also sign as GitHub does (X-Hub-Signature-256)', s.github_signature);
  const inPayload = checkbox('subscription-secret-in-payload', 'Put the secret in the payload', s.secret_in_payload,
    'Only for receivers built for APIO; anyone who sees a payload sees the secret.');
  const basic = h('div', { class: 'grid3' }, field('subscription-auth-username', 'Username', f.auth_username),
    field('subscription-auth-password', 'Password', f.auth_password));
  const bearer = h('div', { class: 'grid3' }, field('subscription-auth-token', 'Token', f.auth_token));
  const own = field('subscription-secret', 'Signing secret', f.secret, 'whsec_ followed by base64 of at least 24 bytes.');
  const sync = () => {
    basic.hidden = f.auth_type.value !== 'basic';
    bearer.hidden = f.auth_type.value !== 'bearer';
    own.hidden = f.signing.value !== 'own';
  };
  f.auth_type.addEventListener('change', sync);
  f.signing.addEventListener('change', sync);
  sync();
  const moved = h('div');
  if (editing) {
    f.url.addEventListener('input', () => moved.replaceChildren(f.url.value.trim() === s.url ? '' : notice('info',
      'The URL changes: the signing secret, password or token and custom header value are cleared unless you enter '
      + 'them again below (a removed signing secret can be generated again afterwards).')));
  }
  const body = () => {
    const b = { name: f.name.value.trim(), description: f.description.value, enabled: enabled.querySelector('input').checked,
      url: f.url.value.trim(), events: f.events.value.split(',').map(x => x.trim()).filter(Boolean),
      filter: f.filter.value.trim() ? f.filter.value : null, payload_format: f.payload_format.value,
      payload_template: f.payload_template.value.trim() ? f.payload_template.value : null, post_mode: f.post_mode.value,
      auth: { type: f.auth_type.value }, custom_header: null,
      github_signature: github.querySelector('input').checked, secret_in_payload: inPayload.querySelector('input').checked };
    if (b.auth.type === 'basic') {
      b.auth.username = f.auth_username.value;
      if (f.auth_password.value) b.auth.password = f.auth_password.value;
    }
    if (b.auth.type === 'bearer' && f.auth_token.value) b.auth.token = f.auth_token.value;
    if (f.header_name.value.trim()) {
      b.custom_header = { name: f.header_name.value.trim() };
      if (f.header_value.value) b.custom_header.value = f.header_value.value;
    }
    if (f.signing.value === 'own') b.secret = f.secret.value;
    if (f.signing.value === 'none') b.secret = null;
    return b;
  };
  const inputs = { name: f.name, description: f.description, url: f.url, events: f.events, filter: f.filter,
    payload_format: f.payload_format, payload_template: f.payload_template, post_mode: f.post_mode, auth: f.auth_type,
    'auth.type': f.auth_type, 'auth.username': f.auth_username, 'auth.password': f.auth_password, 'auth.token': f.auth_token,
    custom_header: f.header_name, 'custom_header.name': f.header_name, 'custom_header.value': f.header_value,
    secret: f.secret, enabled: enabled.querySelector('input'), github_signature: github.querySelector('input'),
    secret_in_payload: inPayload.querySelector('input') };
  const out = h('div', { id: 'subscription-form-result' });
  const submit = async (ev) => {
    ev.preventDefault();
    const btn = ev.submitter;
    if (btn) btn.disabled = true;
    form.querySelectorAll('[aria-invalid]').forEach(x => { x.removeAttribute('aria-invalid'); x.removeAttribute('aria-describedby'); });
    out.replaceChildren();
    try { await onSubmit(body()); } catch (e) {
      const input = e.status === 422 && inputs[e.path];
      const label = input && form.querySelector(`label[for="${input.id}"]`);
      const shown = notice('error', (label ? label.textContent + ': ' : '') + errorText(e));
      shown.id = 'subscription-form-error';
      out.replaceChildren(shown);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', shown.id);
        input.focus();
      }
    } finally { if (btn) btn.disabled = false; }
  };
  const form = h('form', { class: 'panel subscription-form', novalidate: true, onsubmit: submit },
    h('datalist', { id: 'known-events' }, KNOWN_EVENTS.map(e => h('option', { value: e }))),
    h('fieldset', {}, h('legend', {}, 'Receiver and events'),
      h('div', { class: 'grid3' }, field('subscription-name', 'Name', f.name, 'Letters, digits, ".", "_" and "-".'),
        field('subscription-description', 'Description', f.description)),
      enabled,
      field('subscription-url', 'Receiver URL', f.url, editing
        ? 'Changing the URL clears the stored secrets (signing secret, password or token, custom header value) unless you enter them again.'
        : null),
      moved,
      field('subscription-events', 'Events (comma-separated)', f.events, 'For example ' + KNOWN_EVENTS.join(', ') + '.'),
      field('subscription-filter', 'Filter (template)', f.filter,
        'Optional. The event is sent only when this renders something other than empty, 0 or false.')),
    h('fieldset', {}, h('legend', {}, 'Payload and delivery'),
      h('div', { class: 'grid3' }, field('subscription-format', 'Payload format', f.payload_format),
        field('subscription-mode', 'Delivery', f.post_mode)),
      field('subscription-template', 'Payload template (Jinja)', f.payload_template,
        'Optional; empty sends the standard envelope. Sees event, id, timestamp, data and each key of data '
        + '(e.g. {{ ticket.subject }}); the output must parse as the payload format.')),
    h('fieldset', {}, h('legend', {}, 'Authentication and headers'),
      field('subscription-auth-type', 'Authentication', f.auth_type), basic, bearer,
      h('div', { class: 'grid3' }, field('subscription-header-name', 'Custom header name', f.header_name),
        field('subscription-header-value', 'Custom header value', f.header_value)),
      h('p', { class: 'muted small' }, 'Passwords, tokens and the header value are write-only: they are stored encrypted and never shown again.'
        + (editing ? ' Leave them empty to keep the stored ones; empty the header name to remove the header.' : ''))),
    h('fieldset', {}, h('legend', {}, 'Signing (Standard Webhooks)'),
      field('subscription-signing', 'Signing secret', f.signing), own, github, inPayload),
    out,
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: submitId }, submitLabel)));
  return form;
}

async function subscriptions(main, [subscriptionId, deliveryId]) {
  if (deliveryId === 'edit') return subscriptionEdit(main, Number(subscriptionId));
  if (deliveryId) return delivery(main, Number(subscriptionId), Number(deliveryId));
  if (subscriptionId) return subscription(main, Number(subscriptionId));
  const { subscriptions: list } = await pluginApi('/api/webhooks/subscriptions');
  const create = async (body) => {
    const s = await api('POST', '/api/webhooks/subscriptions', body);
    // The hash change re-renders; the secret goes with it, once.
    sessionStorage.setItem('switchboard.secret.' + s.id, s.secret || '');
    location.hash = '#/subscriptions/' + s.id;
  };
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
    h('h3', {}, 'New subscription'),
    subscriptionForm(null, 'Create subscription', 'create-subscription', create));
}

async function subscriptionEdit(main, id) {
  const s = await pluginApi('/api/webhooks/subscriptions/' + id);
  const save = async (body) => {
    const saved = await api('PUT', '/api/webhooks/subscriptions/' + id, body);
    // A URL change replaces a signing secret that was not typed again: the answer shows the new one, this once.
    const renewed = saved.secret && !saved.secret.endsWith('********') && saved.secret !== body.secret;
    if (renewed) sessionStorage.setItem('switchboard.secret.' + id, saved.secret);
    flash = notice('ok', 'Saved.' + (renewed
      ? ' The URL changed, so deliveries are now signed with a new secret: give it to the new receiver.' : ''));
    location.hash = '#/subscriptions/' + id;
  };
  main.append(h('p', {}, h('a', { href: '#/subscriptions/' + id }, '← ' + s.name)),
    h('h2', {}, 'Edit ' + s.name),
    subscriptionForm(s, 'Save subscription', 'save-subscription', save));
}

function authText(auth) {
  return auth.type === 'basic' ? `HTTP Basic as ${auth.username}` : auth.type === 'bearer' ? 'Bearer token' : 'none';
}

async function subscription(main, id) {
  const out = h('div', { id: 'subscription-result' });
  const chart = h('div', { id: 'chart' });
  const drawChart = async () => {
    const stats = await api('GET', `/api/webhooks/subscriptions/${id}/stats?hours=24`);
    chart.replaceChildren(...deliveryChart(stats));
    return stats.dead_letters;
  };
  const [s, history] = await Promise.all([pluginApi('/api/webhooks/subscriptions/' + id), deliveries(id, drawChart)]);
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
    if (s.secret && !confirm('Rotate the signing secret? The old one keeps signing for 24 hours.')) return;
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/rotate-secret`, { grace_seconds: 86400 });
    if (!s.secret) { sessionStorage.setItem('switchboard.secret.' + id, r.secret); return render(); }
    out.replaceChildren(secretNotice(r.secret, 'Rotated.'));
  }, out);
  const remove = action(async () => {
    if (!confirm(`Delete subscription "${s.name}"?`)) return;
    await api('DELETE', '/api/webhooks/subscriptions/' + id);
    location.hash = '#/subscriptions';
  }, out);
  add(main, h('p', {}, h('a', { href: '#/subscriptions' }, '← Subscriptions')),
    h('div', { class: 'row' }, h('h2', { class: 'grow' }, s.name), badge(s.enabled ? 'enabled' : 'disabled')),
    fresh ? secretNotice(fresh, s.secret ? 'Created.' : 'Generated.') : null,
    s.disabled_reason ? notice('error', 'Disabled: ' + s.disabled_reason) : null,
    out,
    h('section', { class: 'panel' },
      s.description ? h('p', { style: 'margin-top:0' }, s.description) : null,
      h('dl', { class: 'facts', id: 'subscription-facts' },
        h('dt', {}, 'URL'), h('dd', { class: 'url' }, s.url),
        h('dt', {}, 'Events'), h('dd', {}, s.events.map(e => h('code', { class: 'tag' }, e))),
        s.filter ? [h('dt', {}, 'Filter'), h('dd', {}, h('code', {}, s.filter))] : null,
        h('dt', {}, 'Payload'), h('dd', {}, s.payload_format.toUpperCase(), s.payload_template ? ' from a template' : ' envelope'),
        s.payload_template ? [h('dt', {}, 'Template'), h('dd', {}, h('pre', { class: 'inline' }, s.payload_template))] : null,
        h('dt', {}, 'Delivery'), h('dd', {}, s.post_mode.replace('_', ' ')),
        h('dt', {}, 'Authentication'), h('dd', {}, authText(s.auth)),
        s.custom_header ? [h('dt', {}, 'Custom header'), h('dd', {}, h('code', {}, `${s.custom_header.name}: ${s.custom_header.value}`))] : null,
        h('dt', {}, 'Signed'), h('dd', {}, s.secret ? 'yes (Standard Webhooks)' + (s.github_signature ? ' and X-Hub-Signature-256' : '')
          + (s.secret_in_payload ? ', secret in the payload' : '') : 'no')),
      h('div', { class: 'row' },
        h('button', { class: 'primary', id: 'send-test', onclick: test }, 'Send a test event'),
        h('a', { class: 'button', id: 'edit-subscription', href: `#/subscriptions/${id}/edit` }, 'Edit'),
        h('button', { id: 'toggle-subscription', onclick: toggle }, s.enabled ? 'Disable' : 'Enable'),
        h('button', { id: 'rotate-secret', onclick: rotate }, s.secret ? 'Rotate secret' : 'Generate a secret'),
        h('button', { class: 'danger', id: 'delete-subscription', onclick: remove }, 'Delete'))),
    h('section', { class: 'panel', 'aria-labelledby': 'chart-heading' },
      h('h3', { id: 'chart-heading', style: 'margin-top:0' }, 'Deliveries per hour, last 24 hours'), chart),
    history);
}

/**
 * The deliveries of one subscription, filtered on the server by status and creation time, with range replay.
 * {@code refresh} redraws what summarises them (the chart) and answers the dead-letter count.
 */
async function deliveries(id, refresh) {
  const result = h('div', { id: 'replay-result' });
  const table = h('div', { id: 'delivery-list' });
  const statuses = [['', 'All'], ['pending', 'Pending'], ['succeeded', 'Succeeded'], ['dead', 'Dead letters']];
  const buttons = statuses.map(([v, t]) => h('button', { type: 'button', 'data-filter': v || 'all' }, t));
  const period = select([['all', 'All time'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'],
    ['custom', 'Custom range…']], 'all');
  const from = h('input', { type: 'datetime-local', step: 1 });
  const to = h('input', { type: 'datetime-local', step: 1 });
  const custom = h('div', { class: 'row' }, field('delivery-from', 'From', from), field('delivery-to', 'To', to));
  const replay = h('button', { type: 'button', id: 'replay-range' });
  let status = '';
  const range = () => {
    const spans = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
    if (spans[period.value]) return { since: Date.now() - spans[period.value], until: null };
    if (period.value !== 'custom') return { since: null, until: null };
    const at = (input) => input.value ? new Date(input.value).getTime() : null;
    return { since: at(from), until: at(to) };
  };
  const list = async () => {
    custom.hidden = period.value !== 'custom';
    buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.filter === (status || 'all'))));
    const { since, until } = range();
    const q = new URLSearchParams({ subscription: id, limit: 100 });
    if (status) q.set('status', status);
    if (since !== null) q.set('since', since);
    if (until !== null) q.set('until', until);
    const { deliveries: shown } = await api('GET', '/api/webhooks/deliveries?' + q);
    replay.hidden = !['dead', 'succeeded'].includes(status);
    replay.textContent = status === 'dead' ? 'Redeliver every dead letter in this range' : 'Redeliver every succeeded delivery in this range';
    const redeliver = (d) => action(async () => { await api('POST', `/api/webhooks/deliveries/${d.id}/redeliver`); await reload(); }, result);
    table.replaceChildren();
    add(table, shown.length ? h('table', { id: 'deliveries' },
      h('thead', {}, h('tr', {}, ['Created', 'Event', 'State', 'Attempts', 'Last answer', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shown.map(d => h('tr', { 'data-delivery': d.id, 'data-status': d.status },
        h('td', {}, h('a', { href: `#/subscriptions/${id}/${d.id}` }, time(d.created_at))),
        h('td', {}, h('code', {}, d.event_type)),
        h('td', {}, badge(d.status), d.status === 'pending' && d.next_attempt_at ? h('div', { class: 'muted small' }, 'next ' + time(d.next_attempt_at)) : null),
        h('td', {}, d.attempt_count),
        h('td', { class: 'muted' }, d.last_status ? String(d.last_status) : '', d.last_error ? ' ' + d.last_error : ''),
        h('td', {}, h('button', { class: 'redeliver', onclick: redeliver(d) }, d.status === 'pending' ? 'Send now' : 'Redeliver'))))))
      : h('p', { class: 'muted' }, 'No deliveries' + (status ? ` with state ${status}` : '') + (period.value === 'all' ? '' : ' in this range') + '.'),
    shown.length === 100 ? h('p', { class: 'muted small' }, 'Showing the newest 100; narrow the range to see older ones.') : null);
  };
  const load = action(list, result);
  const reload = async () => {
    const [dead] = await Promise.all([refresh(), list()]);
    buttons[3].textContent = `Dead letters (${dead})`;
  };
  replay.addEventListener('click', action(async () => {
    const { since, until } = range();
    const q = new URLSearchParams({ status, since: since ?? 0 });
    if (until !== null) q.set('until', until);
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/replay?` + q);
    result.replaceChildren(notice('ok', `${r.replayed} ${status === 'dead' ? 'dead' : 'succeeded'} `
      + `${r.replayed === 1 ? 'delivery is' : 'deliveries are'} due again; reload to follow them.`));
    await reload();
  }, result));
  buttons.forEach(b => b.addEventListener('click', () => { status = b.dataset.filter === 'all' ? '' : b.dataset.filter; load(); }));
  period.addEventListener('change', load);
  from.addEventListener('change', load);
  to.addEventListener('change', load);
  await reload();
  return h('section', { 'aria-labelledby': 'deliveries-heading' },
    h('div', { class: 'row' }, h('h3', { class: 'grow', id: 'deliveries-heading' }, 'Deliveries'),
      h('button', { id: 'reload-deliveries', onclick: action(reload, result) }, 'Reload')),
    h('div', { class: 'row filters' }, h('div', { class: 'row', role: 'group', 'aria-label': 'Status' }, buttons),
      h('label', { for: 'delivery-period', class: 'inline' }, 'Created'), Object.assign(period, { id: 'delivery-period' }), replay),
    custom, result, table);
}

/** A stacked bar per hour (succeeded, pending, dead) with failed attempts as a line; the numbers also as a table. */
function deliveryChart(stats) {
  const [W, H, top, bottom, left] = [960, 180, 12, 24, 34];
  const b = stats.buckets;
  const total = (x) => x.succeeded + x.pending + x.dead;
  const max = Math.max(1, ...b.map(x => Math.max(total(x), x.failed_attempts)));
  const step = (W - left - 4) / b.length;
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const hour = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const sum = (k) => b.reduce((n, x) => n + x[k], 0);
  const summary = `${sum('succeeded')} succeeded, ${sum('pending')} pending and ${sum('dead')} dead deliveries; `
    + `${sum('failed_attempts')} failed attempts in the last ${stats.hours} hours.`;
  const layers = [['succeeded', 'ok'], ['pending', 'warn'], ['dead', 'bad']];
  const bars = b.map((x, i) => {
    let base = 0;
    return layers.filter(([k]) => x[k]).map(([k, cls]) => {
      const rect = svg('rect', { class: 'bar-' + cls, x: left + i * step + 1, width: Math.max(1, step - 2),
        y: y(base + x[k]), height: y(base) - y(base + x[k]) }, svg('title', {}, `${hour(x.start)}: ${x[k]} ${k}`));
      base += x[k];
      return rect;
    });
  });
  const points = b.map((x, i) => `${left + (i + 0.5) * step},${y(x.failed_attempts)}`).join(' ');
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', id: 'delivery-chart',
    'aria-labelledby': 'delivery-chart-title delivery-chart-desc' },
  svg('title', { id: 'delivery-chart-title' }, `Deliveries and failed attempts per hour, last ${stats.hours} hours`),
  svg('desc', { id: 'delivery-chart-desc' }, summary),
  [...new Set([max, Math.round(max / 2), 0])].map(v => [svg('line', { class: 'grid', x1: left, x2: W, y1: y(v), y2: y(v) }),
    svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v)]),
  bars,
  sum('failed_attempts') ? [svg('polyline', { class: 'failed', points }),
    b.map((x, i) => x.failed_attempts ? svg('circle', { class: 'failed', cx: left + (i + 0.5) * step, cy: y(x.failed_attempts), r: 3 },
      svg('title', {}, `${hour(x.start)}: ${x.failed_attempts} failed attempts`)) : null)] : null,
  b.map((x, i) => i % 6 === 0 ? svg('text', { x: left + i * step, y: H - 6 }, hour(x.start)) : null));
  const legend = h('div', { class: 'row legend muted small', 'aria-hidden': 'true' },
    layers.map(([k, cls]) => h('span', {}, h('i', { class: 'swatch bar-' + cls }), k)),
    h('span', {}, h('i', { class: 'swatch line' }), 'failed attempts'));
  const table = h('table', { class: 'sr-only', id: 'delivery-chart-table' },
    h('caption', {}, summary),
    h('thead', {}, h('tr', {}, ['Hour', 'Succeeded', 'Pending', 'Dead', 'Failed attempts'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, b.filter(x => total(x) || x.failed_attempts).map(x => h('tr', {}, h('th', { scope: 'row' }, time(x.start)),
      h('td', {}, x.succeeded), h('td', {}, x.pending), h('td', {}, x.dead), h('td', {}, x.failed_attempts)))));
  return [chart, legend, table];
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
