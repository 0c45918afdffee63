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
  location.hash = '';
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

// ---- Webhooks and subscriptions (filled by the webhooks plugin's API) ------------------------------------------

async function webhooks(main) {
  main.append(h('h2', {}, 'Webhook listeners'), h('p', { class: 'muted' }, 'Listeners need the webhooks plugin.'));
}

async function subscriptions(main) {
  main.append(h('h2', {}, 'Subscriptions'), h('p', { class: 'muted' }, 'Subscriptions need the webhooks plugin.'));
}

window.addEventListener('hashchange', render);
render();
