// The Bots & behaviors page: bots and their behaviors, a behavior's decision tree and the simulator.

import { h, api, action, notice, badge, render, ApiError } from '/admin/ui.js';

export default async function bots(main, [botId, behaviorId]) {
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
