// The Plugins page: every plugin found, its state, enable/disable and the behaviors a disable breaks.

import { h, api, action, notice, badge, render } from '/admin/ui.js';

export default async function plugins(main) {
  const out = h('div');
  const { plugins: list } = await api('GET', '/api/plugins');
  const toggle = (p) => action(async () => {
    if (p.enabled) {
      // Ask first, naming what breaks: these behaviors keep running but record each of the plugin's actions missing.
      const { behaviors } = await api('GET', `/api/plugins/${encodeURIComponent(p.id)}/users`);
      if (behaviors.length && !confirm(`Disable ${p.id}? ${behaviors.length === 1 ? 'This behavior uses' : `These ${behaviors.length} behaviors use`} `
        + `its actions and will record them as missing until it is enabled again:\n\n`
        + behaviors.map(b => `• ${b.title} (#${b.id}): ${b.actions.join(', ')}`).join('\n'))) return;
    }
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
          p.error ? h('div', { class: 'notice error' }, p.error) : null,
          (p.warnings || []).map(w => h('div', { class: 'notice info' }, 'Warning: ' + w))),
        h('td', {}, p.version || '–'), h('td', {}, p.provider || '–'),
        h('td', {}, badge(p.state)),
        h('td', {}, p.version ? h('button', { onclick: toggle(p), class: p.enabled ? 'danger' : 'primary' },
          p.enabled ? 'Disable' : 'Enable') : null))))),
    h('p', { class: 'muted' }, 'Drop a plugin jar into the plugins folder; it appears here disabled until you enable it.'));
}
