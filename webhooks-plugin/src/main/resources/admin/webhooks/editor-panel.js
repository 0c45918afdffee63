// The behavior editor's panel for webhook behaviors: test the draft against a listener's captured calls. Loaded by
// the host's editor for behaviors of event.webhook.received (WebhooksPages.editorPanels()).

import { h, add, api, action, notice, time, field, stylesheet, ApiError } from '/admin/ui.js';

/**
 * The behavior editor's "Test against captured requests" panel for webhook behaviors (WebhooksPages.editorPanels()):
 * runs the saved draft or the live tree on a listener's real calls as a dry run and shows each answer next to the
 * recorded one. {@code editor} is the editor's panel interface (AdminPages.EditorPanel; editor.js mountPanels).
 */
export default async function capturedTests(container, editor) {
  stylesheet(new URL('./editor-panel.css', import.meta.url));
  const box = h('section', { class: 'panel', id: 'captured', 'aria-label': 'Test against captured requests' },
    h('h3', { class: 'flush' }, 'Test against captured requests'));
  let listeners = [];
  const pick = h('select', {});
  const none = h('p', { class: 'muted' }, 'No listeners yet: create one on the Webhooks page, then refresh.');
  const refresh = async () => {
    ({ listeners } = await api('GET', '/api/webhooks/listeners'));
    const mine = listeners.filter(l => Number(l.behavior_id) === editor.behaviorId);
    const current = pick.value;
    pick.replaceChildren(...[...mine, ...listeners.filter(l => !mine.includes(l))].map(l =>
      h('option', { value: l.id, selected: String(l.id) === current }, `${l.name} (#${l.id})` + (mine.includes(l) ? '' : ' — bound to another behavior'))));
    none.hidden = listeners.length > 0;
  };
  container.append(box);
  await refresh();
  editor.onSaved(refresh);
  const last = h('input', { type: 'number', min: 1, max: 100, value: 20 });
  const draft = h('input', { type: 'checkbox', id: 'captured-draft', checked: true });
  const results = h('div', { id: 'captured-results' });
  const run = action(async () => {
    const listener = listeners.find(l => String(l.id) === pick.value);
    if (!listener) throw new ApiError(400, 'Pick a listener first.');
    const r = await api('POST', `/api/webhooks/listeners/${pick.value}/requests/simulate`,
      { behavior_draft: draft.checked, last: Number(last.value) || 20 });
    const other = Number(listener.behavior_id) !== editor.behaviorId
      ? notice('info', `This listener runs behavior #${listener.behavior_id}, so that behavior's tree was run, not this one.`) : null;
    results.replaceChildren();
    add(results, other, notice(r.changed ? 'info' : 'ok', `${r.results.length} call(s) run against the ${r.behavior_draft ? 'draft' : 'live tree'}: `
      + `${r.changed} would be answered differently.`), r.results.map(call));
  }, results);
  box.append(h('p', { class: 'muted' }, 'Runs the tree on the listener\'s real calls as a dry run (nothing is logged or sent) '
    + 'and sets what it would answer next to what was answered. Save the draft first.'), none,
  h('div', { class: 'grid3' }, field('captured-listener', 'Listener', pick), field('captured-last', 'Last calls', last),
    h('div', { class: 'check' }, draft, h('label', { for: 'captured-draft' }, 'Run the draft (unticked: the live tree)'))),
  h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'captured-run', onclick: run }, 'Test against captured requests'),
    h('button', { type: 'button', id: 'captured-refresh', onclick: action(refresh, results) }, 'Refresh listeners')),
  results);
}

function call(r) {
  const diff = new Map(r.differences.map(d => [d.field === 'header' ? 'header:' + d.name : d.field, d]));
  const headers = (hs, which) => h('table', { class: 'headers' }, h('tbody', {}, (hs || []).map(([k, v]) => {
    const changed = diff.has('header:' + k.toLowerCase());
    return h('tr', { class: changed ? 'changed' : null }, h('th', { scope: 'row' }, k), h('td', {}, v, changed ? h('span', { class: 'sr-only' }, ` (${which}, differs)`) : null));
  })));
  const side = (label, a, which) => h('div', { class: 'side ' + which },
    h('h4', {}, label, ' ', h('span', { class: 'status' + (diff.has('status') ? ' changed' : '') }, a ? a.status : '–')),
    a ? headers(a.headers, which) : null,
    a ? h('pre', { class: 'inline' + (diff.has('body') ? ' changed' : '') }, a.body ?? '') : null);
  return h('article', { class: 'call' + (r.differences.length ? ' differs' : ''), 'data-request': r.request_id },
    h('h4', {}, `#${r.request_id} ${r.method} /${r.path} · ${time(r.received_at)} `,
      r.differences.length ? h('span', { class: 'badge bad' }, 'differs') : h('span', { class: 'badge ok' }, 'same')),
    r.differences.length ? h('ul', { class: 'differences' }, r.differences.map(d => h('li', {},
      h('strong', {}, d.field === 'header' ? `header ${d.name}` : d.field), ': ',
      h('del', {}, d.recorded === null ? '(none)' : short(d.recorded)), ' → ', h('ins', {}, d.simulated === null ? '(none)' : short(d.simulated))))) : null,
    r.error ? notice('error', r.error) : null,
    h('div', { class: 'split' }, side('Recorded', r.recorded, 'recorded'), side('Draft', r.simulated, 'simulated')),
    h('details', {}, h('summary', {}, 'Trace'), h('pre', { class: 'trace' }, Array.isArray(r.trace_text) ? r.trace_text.join('\n') : r.trace_text || '')));
}

function short(v) { const s = typeof v === 'string' ? v : JSON.stringify(v); return s.length > 80 ? s.slice(0, 77) + '…' : s; }
