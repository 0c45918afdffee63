// The Packages page: paste or upload a Cerb package, fill its prompts, see what was created or the error. Invalid
// JSON is named with its line and column before anything is sent, and importing a bot that already exists (same
// uid or name) asks first, as Cerb does, instead of silently duplicating its bot, behaviors and listeners.

import { h, api, action, notice, ApiError } from '/admin/ui.js';

export default async function packages(main) {
  const out = h('div', { id: 'import-result' });
  const { packages: bundled } = await api('GET', '/api/packages/library');
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
  // A new text or file is a new attempt: the last one's error (or result) no longer applies.
  text.addEventListener('input', () => { out.replaceChildren(); readPrompts(); });
  file.addEventListener('change', async () => {
    out.replaceChildren();
    if (!file.files[0]) return;
    text.value = await file.files[0].text();
    readPrompts();
  });
  const submit = action(async () => {
    const pkg = parsePackage(text.value);
    const twins = await existingBots(pkg);
    const declined = () => out.replaceChildren(notice('ok', 'Not imported: nothing was changed.'));
    if (twins.length && !confirm(`This package was imported before: ${twins.join(', ')} already exist`
      + `${twins.length === 1 ? 's' : ''}. Importing it again creates a second copy of the bot, its behaviors and `
      + 'its listeners. Import it again?')) {
      declined();
      return;
    }
    // Once asked, the import says so (on_duplicate=import_again): without it the API refuses a package imported before.
    const send = (again) => {
      const q = new URLSearchParams();
      prompts.querySelectorAll('input[data-key]').forEach(i => { if (i.value) q.set(i.dataset.key, i.value); });
      if (again) q.set('on_duplicate', 'import_again');
      return api('POST', '/api/packages/import' + (q.toString() ? '?' + q : ''), text.value, true);
    };
    let r;
    try {
      r = await send(twins.length > 0);
    } catch (e) {
      // What the page could not see for itself (a behavior onto a bot that has it): the API's 409 names it.
      if (!(e instanceof ApiError) || e.status !== 409 || twins.length) throw e;
      if (!confirm(e.message.replace(/; to do that.*$/, '') + '. Import it again?')) {
        declined();
        return;
      }
      r = await send(true);
    }
    out.replaceChildren(notice('ok', 'Imported.'), h('table', {},
      h('thead', {}, h('tr', {}, ['Created', 'Name', 'Id'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {},
        r.bots.map(b => h('tr', {}, h('td', {}, 'bot'), h('td', {}, h('a', { href: '#/bots/' + b.id }, b.name)), h('td', {}, b.id))),
        r.behaviors.map(b => h('tr', {}, h('td', {}, 'behavior'), h('td', {}, h('a', { href: `#/bots/${b.bot_id}/${b.id}` }, b.title)), h('td', {}, b.id))),
        r.records.map(x => h('tr', {}, h('td', {}, x._context), h('td', {}, x.uid), h('td', {}, x.id))))));
  }, out);
  // A bundled sample: loaded into the form (its prompts shown), and imported at once when it asks for nothing.
  const use = (p) => action(async () => {
    text.value = await api('GET', `/api/packages/library/${encodeURIComponent(p.plugin)}/${encodeURIComponent(p.file)}`)
      .then(x => JSON.stringify(x, null, 2));
    out.replaceChildren();
    readPrompts();
    if (prompts.querySelector('input[data-key]')) {
      out.replaceChildren(notice('info', `Fill in what "${p.name}" asks for above, then Import.`));
      prompts.querySelector('input[data-key]').focus();
    } else {
      await submit();
    }
  }, out);
  const library = h('section', { class: 'panel', id: 'package-library' }, h('h3', { style: 'margin-top:0' }, 'Sample packages'),
    bundled.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['Package', 'From plugin', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, bundled.map(p => h('tr', { 'data-package': p.file },
        h('td', {}, h('strong', {}, p.name), p.description ? h('div', { class: 'muted small' }, p.description) : null,
          p.error ? h('div', { class: 'notice error' }, p.error) : null),
        h('td', {}, p.plugin),
        h('td', {}, p.error ? null : h('button', { onclick: use(p), class: 'import-sample' }, 'Import'))))))
      : h('p', { class: 'muted' }, 'No plugin bundles sample packages. The sample-behaviors plugin does: copy its jar '
        + 'into the plugins folder and enable it on the Plugins page.'));
  main.append(h('h2', {}, 'Import a package'),
    h('div', { class: 'panel' },
      h('p', { class: 'muted' }, 'Paste a Cerb 8 package exactly as Cerb exports it, or choose the file.'),
      h('label', { for: 'package-json' }, 'Package JSON'), text,
      h('label', { for: 'package-file' }, 'or a file'), file,
      prompts,
      h('div', { class: 'row', style: 'margin-top:1rem' }, h('button', { class: 'primary', id: 'import', onclick: submit }, 'Import'))),
    out, library);
}

/** The package parsed, or an error naming where the JSON breaks (line and column, not the parser's raw text). */
export function parsePackage(raw) {
  if (!raw.trim()) throw new Error('Paste a package or choose its file first.');
  try { return JSON.parse(raw); } catch (e) {
    const at = /position (\d+)/.exec(e.message);
    let where = '';
    if (at) {
      const before = raw.slice(0, Number(at[1])).split('\n');
      where = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
    }
    throw new Error(`This is not valid JSON${where}: check for a missing comma, quote or bracket there `
      + '(a Cerb package is one JSON object, as Cerb exports it).');
  }
}

/** The bots of the package that already exist here, by uid or name, as "Bot name (#id)". */
async function existingBots(pkg) {
  const wanted = Array.isArray(pkg && pkg.bots) ? pkg.bots.filter(b => b && typeof b === 'object') : [];
  if (!wanted.length) return [];
  const { bots } = await api('GET', '/api/bots');
  return bots.filter(have => wanted.some(b => (b.uid && b.uid === have.uid) || (b.name && b.name === have.name)))
    .map(have => `"${have.name}" (#${have.id})`);
}
