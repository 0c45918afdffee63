// Switchboard admin page shell: sign-in, navigation and routing. Plain ES module, no build step. The pages are ES
// modules too, the host's (/admin/pages/) and the started plugins' (/admin/plugins/<id>/), listed by
// GET /api/admin/pages; each default-exports a function that renders into the page's <main>. The helpers they share
// come from ui.js.

import { h, api, action, notice, errorText, currentSession, setSession, onRender, takeFlash } from '/admin/ui.js';

const app = document.getElementById('app');

async function render() {
  if (!currentSession()) {
    try { setSession(await api('GET', '/admin/session')); } catch { setSession(null); }
  }
  const session = currentSession();
  if (!session) return signIn();
  let pages;
  try { ({ pages } = await api('GET', '/api/admin/pages')); } catch (e) {
    if (!currentSession()) return undefined; // signed out meanwhile: the sign-in form is shown
    app.replaceChildren(notice('error', errorText(e)));
    return undefined;
  }
  const [name, ...args] = (location.hash.replace(/^#\/?/, '') || pages[0].id).split('/');
  const page = pages.find(p => p.id === name) || pages[0];
  const main = h('main', { id: 'main', tabindex: '-1' });
  app.replaceChildren(
    h('header', { class: 'top' },
      h('h1', {}, 'Switchboard'),
      h('nav', { 'aria-label': 'Sections' }, pages.map(p =>
        h('a', { href: '#/' + p.id, 'data-page': p.id, 'aria-current': p.id === page.id ? 'page' : null }, p.title))),
      h('span', { class: 'who' }, session.principal),
      h('button', { onclick: action(signOut), id: 'signout' }, 'Sign out'),
      h('button', { onclick: action(signOutEverywhere), id: 'signout-everywhere',
        title: 'End every admin session on every node, this one included' }, 'Sign out everywhere')),
    main);
  document.title = page.title + ' · Switchboard';
  try {
    const module = await import(page.module);
    await module.default(main, args.map(decodeURIComponent));
  } catch (e) { main.append(notice('error', errorText(e))); }
  const flash = takeFlash();
  if (flash) main.prepend(flash);
  return undefined;
}

function signIn(message) {
  const out = h('div');
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'panel signin', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      setSession(await api('POST', '/admin/login', { token: input.value }));
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
  setSession(null);
  history.replaceState(null, '', location.pathname); // no hashchange: it would re-render over the message
  signIn('Signed out.');
}

async function signOutEverywhere() {
  if (!confirm('End every admin session, on every browser and node, this one included?')) return;
  const r = await api('POST', '/api/sessions/end-all');
  setSession(null);
  history.replaceState(null, '', location.pathname);
  signIn(`Signed out everywhere: ${r.ended} session(s) ended.`);
}

onRender(render);
window.addEventListener('hashchange', render);
render();
