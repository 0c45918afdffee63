// Switchboard admin page: the helpers every page module imports, the host's and the plugins' (import them from
// '/admin/ui.js'). Plain ES module, no build step. Every value from the server is inserted as text (never as
// HTML), and every state-changing call carries the session's CSRF token.

let session = null;
let renderer = () => {};
let flash = null; // a notice for the next page rendered (set before navigating)

// ---- Session and rendering -----------------------------------------------------------------------------------

/** The signed-in session ({principal, csrf}), or null. */
export function currentSession() { return session; }

/** Sets the session (the shell does, on sign-in and sign-out). */
export function setSession(s) { session = s; }

/** Re-renders the current page (after a change), as the shell does on a hash change. */
export function render() { return renderer(); }

/** The shell registers how to render. */
export function onRender(fn) { renderer = fn; }

/** Shows a notice on top of the next page rendered (e.g. "Saved." before changing location.hash). */
export function setFlash(el) { flash = el; }

/** The notice set with setFlash, once. */
export function takeFlash() { const f = flash; flash = null; return f; }

// ---- DOM helpers ---------------------------------------------------------------------------------------------

export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** The same for SVG elements (inline charts). */
export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

/** Appends to an existing element, skipping null and false as h() does (Element.append would print "null"). */
export function add(el, ...children) {
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

/**
 * Adds a stylesheet to the page once, e.g. a plugin's own next to its module:
 * {@code stylesheet(new URL('./my-page.css', import.meta.url))}. The host's admin.css is always there.
 */
export function stylesheet(href) {
  const url = String(href);
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === url)) {
    document.head.append(h('link', { rel: 'stylesheet', href: url }));
  }
}

// ---- HTTP ----------------------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, message, path) { super(message); this.status = status; this.path = path; }
}

/**
 * Calls the admin API with the session cookie (and its CSRF token on anything but GET); answers the parsed JSON or
 * throws an ApiError with the server's message and JSON path. A 401 from the API signs the page out.
 * {@code raw} sends {@code body} as it is instead of as JSON.
 */
export async function api(method, path, body, raw) {
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

// ---- Notices, buttons and forms ------------------------------------------------------------------------------

export function notice(kind, text) { return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text); }

export function errorText(e) { return e.path ? `${e.message}` + (e.message.includes(e.path) ? '' : ` (at ${e.path})`) : e.message; }

/** Runs an action from a button, showing its failure next to it instead of losing it. */
export function action(fn, out) {
  return async (ev) => {
    const btn = ev && ev.currentTarget;
    if (btn) btn.disabled = true;
    try { await fn(); } catch (e) { if (out) out.replaceChildren(notice('error', errorText(e))); else alert(errorText(e)); }
    finally { if (btn) btn.disabled = false; }
  };
}

export function badge(state) {
  const kind = { started: 'ok', enabled: 'ok', delivered: 'ok', succeeded: 'ok', live: 'ok', failed: 'bad',
    dead: 'bad', disabled: 'warn', pending: 'warn', retrying: 'warn', stopped: 'warn' }[state] || '';
  return h('span', { class: 'badge ' + kind }, state);
}

export function time(ms) { return ms ? new Date(ms).toLocaleString() : '–'; }

/** A label, the input (given the id) and an optional hint under it. */
export function field(id, label, input, hint) {
  input.id = id;
  return h('div', {}, h('label', { for: id }, label), input, hint ? h('div', { class: 'muted small' }, hint) : null);
}

export function copyButton(text, label) {
  const btn = h('button', { type: 'button', class: 'copy' }, label || 'Copy');
  btn.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(text); btn.textContent = 'Copied'; }
    catch { window.prompt('Copy this:', text); }
  });
  return btn;
}

/** A select of [value, text] options with {@code current} selected. */
export function select(options, current) {
  return h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === current }, t)));
}

export function checkbox(id, label, checked, hint) {
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, checked }), h('label', { for: id }, label),
    hint ? h('span', { class: 'muted small' }, hint) : null);
}
