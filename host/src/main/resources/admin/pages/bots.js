// The Bots & behaviors page: bots and their behaviors (create them here), the runs the scheduler will make
// (scheduled and recurring, cancel one), a behavior's decision tree in the editor (editor.js) and the simulator.

import { h, api, action, notice, badge, render, field, time, ApiError } from '/admin/ui.js';
import editor from '/admin/pages/editor.js';

export default async function bots(main, [botId, behaviorId]) {
  if (behaviorId) return behavior(main, Number(behaviorId));
  const out = h('div');
  const [{ bots: list }, { behaviors: all }, { events }, { scheduled_behaviors: runs }] = await Promise.all([
    api('GET', '/api/bots'), api('GET', '/api/behaviors'), api('GET', '/api/events'),
    api('GET', '/api/scheduled-behaviors?limit=1000')]);
  const botName = h('input', { type: 'text', required: true });
  main.append(h('h2', {}, 'Bots & behaviors'), out,
    h('form', { class: 'panel row', id: 'new-bot', onsubmit: (ev) => { ev.preventDefault(); action(async () => {
      await api('POST', '/api/bots', { name: botName.value }); render(); }, out)(); } },
    h('div', { class: 'grow' }, field('new-bot-name', 'New bot', botName)),
    h('button', { type: 'submit', class: 'primary', id: 'create-bot' }, 'Create bot')));
  if (!list.length) main.append(h('p', { class: 'muted' }, 'No bots yet: create one above, or ', h('a', { href: '#/packages' }, 'import a package'), '.'));
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
          h('td', {}, h('button', { onclick: toggle('behaviors', b) }, b.is_disabled ? 'Enable' : 'Disable')))))),
      newBehavior(bot, events, out)));
  }
  main.append(scheduled(runs, list, all, out));
}

/**
 * The runs the scheduler will make, soonest first: `_schedule_behavior`'s (cancel one) and each recurrent behavior's
 * next time (skip it: the scheduler then lists the following one).
 */
function scheduled(runs, bots, behaviors, out) {
  const section = h('section', { class: 'panel', id: 'scheduled-runs' }, h('h3', { style: 'margin-top:0' }, 'Scheduled runs'));
  if (!runs.length) {
    section.append(h('p', { class: 'muted' }, 'Nothing scheduled: behaviors schedule runs with _schedule_behavior, and each recurrent behavior has its next run here.'));
    return section;
  }
  const cancel = (r, recurring, title) => action(async () => {
    if (!confirm(recurring ? `Skip the run of "${title}" at ${time(r.run_at)}? The following one stays scheduled.`
      : `Cancel the run of "${title}" at ${time(r.run_at)}?`)) return;
    await api('DELETE', '/api/scheduled-behaviors/' + r.id);
    render();
  }, out);
  section.append(h('table', {},
    h('thead', {}, h('tr', {}, ['Next run', 'Behavior', 'Bot', 'Kind', 'Inputs', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, runs.map(r => {
      const b = behaviors.find(x => x.id === r.behavior_id) || { title: 'behavior ' + r.behavior_id, bot_id: r.context_id };
      const bot = bots.find(x => x.id === b.bot_id);
      const recurring = r.context === 'behavior.recurrent';
      const vars = r.variables || {};
      const inputs = recurring ? `${vars.repeat_patterns || ''}`.split(/\r?\n/).filter(l => l.trim() && !l.trim().startsWith('#')).join('; ')
        + (vars.timezone ? ` (${vars.timezone})` : '') : Object.keys(vars).length ? JSON.stringify(vars) : '–';
      return h('tr', { 'data-scheduled': r.id },
        h('td', {}, time(r.run_at), r.attempts ? h('span', { class: 'muted small' }, ` (running, attempt ${r.attempts})`) : null),
        h('td', {}, h('a', { href: `#/bots/${b.bot_id}/${r.behavior_id}` }, b.title)),
        h('td', {}, bot ? bot.name : '–'),
        h('td', {}, recurring ? 'recurring' : 'scheduled'),
        h('td', {}, h('code', {}, inputs)),
        h('td', {}, h('button', { onclick: cancel(r, recurring, b.title) }, recurring ? 'Skip' : 'Cancel')));
    }))));
  return section;
}

/** The form that adds a behavior on any event a plugin offers to a bot, then opens it in the editor. */
function newBehavior(bot, events, out) {
  const p = 'new-behavior-' + bot.id;
  const title = h('input', { type: 'text', required: true });
  const event = h('select', {}, events.map(e => h('option', { value: e.id }, `${e.label} (${e.id}, ${e.plugin})`)));
  const priority = h('input', { type: 'number', min: 0, max: 100, value: 50 });
  return h('form', { class: 'grid3 new-behavior', onsubmit: (ev) => { ev.preventDefault(); action(async () => {
    const b = await api('POST', '/api/behaviors', { bot_id: bot.id, title: title.value, event: event.value,
      priority: Number(priority.value) });
    location.hash = `#/bots/${bot.id}/${b.id}`;
  }, out)(); } },
  field(p + '-title', 'New behavior', title), field(p + '-event', 'On event', event), field(p + '-priority', 'Priority', priority),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: p + '-create' }, 'Add behavior')));
}

async function behavior(main, id) {
  const [b, { events }] = await Promise.all([api('GET', '/api/behaviors/' + id), api('GET', '/api/events')]);
  const event = events.find(e => e.id === b.event) || { placeholders: [] };
  const sample = {};
  for (const p of event.placeholders || []) sample[p.name] = p.type === 'map' ? {} : p.type === 'number' ? 0 : '';
  const input = h('textarea', { id: 'placeholders', rows: 10, spellcheck: 'false' }, JSON.stringify(sample, null, 2));
  const result = h('div', { id: 'simulation' });
  const onDraft = h('input', { type: 'checkbox', id: 'simulate-draft' });
  const run = action(async () => {
    let values;
    try { values = JSON.parse(input.value || '{}'); } catch (e) { throw new ApiError(400, 'placeholder values are not valid JSON: ' + e.message); }
    const r = await api('POST', `/api/behaviors/${id}/simulate` + (onDraft.checked ? '?draft=true' : ''), values);
    result.replaceChildren(
      r.errors.length ? notice('error', r.errors.join('\n')) : notice('ok', r.exited ? 'Exited early.' : 'Ran to the end.'),
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'Trace'), h('pre', { id: 'trace' }, r.trace_text.join('\n'))),
        h('div', {}, h('h3', {}, 'Final dictionary'), h('pre', {}, JSON.stringify(r.dictionary, null, 2)))));
  }, result);
  const edit = h('div', { id: 'editor' });
  main.append(h('p', {}, h('a', { href: '#/bots' }, '← Bots & behaviors')),
    h('h2', {}, b.title), h('p', { class: 'muted' }, 'Event ', h('code', {}, b.event), ` · priority ${b.priority}`),
    edit,
    h('section', { class: 'panel' }, h('h3', { style: 'margin-top:0' }, 'Simulator'),
      h('p', { class: 'muted' }, 'A dry run with values you type: actions with side effects are described, not done.'),
      h('label', { for: 'placeholders' }, 'Placeholder values (JSON)'), input,
      h('div', { class: 'check' }, onDraft, h('label', { for: 'simulate-draft' }, 'Run the saved draft (unticked: the live tree)')),
      h('div', { class: 'row', style: 'margin-top:.8rem' }, h('button', { class: 'primary', id: 'simulate', onclick: run }, 'Run simulator'))),
    result);
  await editor(edit, b);
}
