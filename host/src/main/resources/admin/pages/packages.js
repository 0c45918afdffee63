// The Packages page: paste or upload a Cerb package, fill its prompts, see what was created or the error.

import { h, api, action, notice } from '/admin/ui.js';

export default async function packages(main) {
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
