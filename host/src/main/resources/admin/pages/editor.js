// The behavior editor (Bots & behaviors → a behavior): the decision tree as a document in Cerb's package node
// format, edited in the page and written back whole with PUT /api/behaviors/{id}/tree (a draft; the live tree keeps
// answering), published, diffed and rolled back. Plugins add panels under it for behaviors of their events (listed by
// GET /api/admin/pages as editor_panels; see mountPanels). Every control is a real button, input or select with a
// label.

import * as ui from '/admin/ui.js';

const { h, api, action, notice, badge, time, stylesheet, errorText, ApiError } = ui;

const OPERATORS = [['is', 'is'], ['!is', 'is not'], ['contains', 'contains'], ['!contains', 'does not contain'],
  ['like', 'is like (* wildcards)'], ['!like', 'is not like'], ['regexp', 'matches regexp'],
  ['!regexp', 'does not match regexp'], ['gt', 'is greater than'], ['lt', 'is less than']];
const STATUSES = [['live', 'live'], ['disabled', 'disabled'], ['simulator', 'simulator only']];
// Which node types a node may contain (Cerb's rules); the top of the tree is "root".
const CHILDREN = { root: ['action', 'switch', 'loop', 'subroutine'], switch: ['outcome'],
  outcome: ['action', 'switch', 'loop'], loop: ['action', 'switch', 'loop'], subroutine: ['action', 'switch', 'loop'],
  action: [] };
const SECRET = /secret|password|passwd|passphrase|token|api_?key|credential|auth/i;

/** Renders the editor for behavior {@code b} (the GET /api/behaviors/{id} answer) into {@code root}. */
export default async function editor(root, b) {
  stylesheet(new URL('./editor.css', import.meta.url));
  const [{ actions }, ph, doc] = await Promise.all([
    api('GET', '/api/actions?event=' + encodeURIComponent(b.event)),
    api('GET', `/api/behaviors/${b.id}/placeholders`),
    api('GET', `/api/behaviors/${b.id}/tree`)]);
  const st = { b, actions, ph, doc, nodes: structuredClone(doc.nodes || []), sel: null, clip: null, dirty: false,
    error: null, saved: [] };
  const out = h('div', { id: 'editor-messages' });
  const treeBox = h('section', { class: 'panel tree', 'aria-label': 'Decision tree' });
  const nodeBox = h('section', { class: 'panel', id: 'node-editor', 'aria-label': 'Selected node' });
  const lower = h('div');
  const note = h('input', { type: 'text', id: 'note', placeholder: 'what changed and why' });
  const state = h('span', { id: 'tree-state', class: 'muted' });

  const byId = new Map(actions.map(a => [a.id, a]));
  for (const a of actions) for (const alias of a.aliases || []) byId.set(alias, a);
  st.action = id => byId.get(id);

  const redraw = () => {
    state.replaceChildren(st.doc.draft ? badge('pending') : badge('live'),
      ` version ${st.doc.version}` + (st.doc.draft ? ` · draft revision ${st.doc.draft_revision}, live revision ${st.doc.live_revision}` : '')
      + (st.dirty ? ' · unsaved changes' : ''));
    treeBox.replaceChildren(h('h3', { class: 'flush' }, 'Decision tree'), treeView(st, redraw),
      h('div', { class: 'row' }, ['action', 'switch', 'loop', 'subroutine'].map(t =>
        h('button', { type: 'button', id: 'add-top-' + t, onclick: () => { addNode(st, [], t); redraw(); } }, `Add ${t} at the top level`))));
    nodeBox.replaceChildren(nodeForm(st, redraw));
  };
  const change = () => { st.dirty = true; redraw(); };
  st.change = change;

  const reload = async () => {
    st.doc = await api('GET', `/api/behaviors/${b.id}/tree`);
    st.nodes = structuredClone(st.doc.nodes || []); st.dirty = false; st.error = null;
    redraw();
  };
  const save = action(async () => {
    st.error = null;
    try {
      st.doc = await api('PUT', `/api/behaviors/${b.id}/tree`, { version: st.doc.version, nodes: st.nodes, note: note.value });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await reload();
        out.replaceChildren(notice('error', 'Someone saved this behavior since you opened it, so your change was not '
          + 'saved. The latest version is loaded: apply your change again. (' + e.message + ')'));
        return;
      }
      if (e instanceof ApiError && e.status === 422 && e.path) { showError(st, e); redraw(); }
      throw e;
    }
    st.nodes = structuredClone(st.doc.nodes || []); st.dirty = false; note.value = '';
    out.replaceChildren(notice('ok', `Draft saved (revision ${st.doc.draft_revision}). The live tree is unchanged until you publish.`));
    redraw(); await revisions();
    for (const fn of st.saved) await fn();
  }, out);
  const publish = action(async () => {
    if (st.dirty) throw new ApiError(400, 'Save the draft first: there are unsaved changes.');
    st.doc = await api('POST', `/api/behaviors/${b.id}/publish`, { version: st.doc.version });
    out.replaceChildren(notice('ok', `Published: revision ${st.doc.live_revision} is live.`));
    redraw(); await revisions();
  }, out);

  const revBox = h('section', { class: 'panel', id: 'revisions', 'aria-label': 'Revisions' });
  const diffBox = h('div', { id: 'diff' });
  const revisions = async () => {
    const { revisions: list } = await api('GET', `/api/behaviors/${b.id}/revisions`);
    revBox.replaceChildren(h('h3', { class: 'flush' }, 'Revisions'),
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'diff-live-draft', onclick: action(async () =>
        showDiff(diffBox, await api('GET', `/api/behaviors/${b.id}/diff?from=live&to=draft`)), diffBox) }, 'Diff live → draft')),
      h('table', {}, h('thead', {}, h('tr', {}, ['#', 'Who', 'When', 'Note', '', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, list.map((r, i) => h('tr', { 'data-revision': r.number },
          h('td', {}, r.number), h('td', {}, r.author || '–'), h('td', {}, time(r.created_at)),
          h('td', {}, r.note || '', r.live ? [' ', badge('live')] : null, r.draft ? [' ', h('span', { class: 'badge warn' }, 'draft')] : null),
          h('td', {}, i + 1 < list.length ? h('button', { type: 'button', class: 'diff-prev', onclick: action(async () =>
            showDiff(diffBox, await api('GET', `/api/behaviors/${b.id}/diff?from=${list[i + 1].number}&to=${r.number}`)), diffBox) },
          `Diff ${list[i + 1].number} → ${r.number}`) : null),
          h('td', {}, r.live ? null : h('button', { type: 'button', class: 'rollback', onclick: action(async () => {
            st.doc = await api('POST', `/api/behaviors/${b.id}/revisions/${r.number}/rollback`,
              { version: st.doc.version, note: note.value });
            st.nodes = structuredClone(st.doc.nodes || []); st.dirty = false; st.sel = null;
            out.replaceChildren(notice('ok', `Rolled back: revision ${r.number}'s tree is live again (revision ${st.doc.live_revision}).`));
            redraw(); await revisions();
          }, out) }, `Roll back to ${r.number}`)))))),
      diffBox);
  };

  root.append(h('div', { class: 'row toolbar' },
    h('button', { type: 'button', class: 'primary', id: 'save-draft', onclick: save }, 'Save draft'),
    h('div', { class: 'grow' }, h('label', { for: 'note', class: 'sr-only' }, 'Note for this revision'), note),
    h('button', { type: 'button', id: 'publish', onclick: publish }, 'Publish'),
    h('button', { type: 'button', id: 'reload', onclick: action(reload, out) }, 'Discard changes')),
  state, out, h('div', { class: 'split' }, treeBox, nodeBox), revBox, lower);
  await mountPanels(st, lower);
  redraw();
  await revisions();
}

// ---- The tree ------------------------------------------------------------------------------------------------

function at(st, path) { let list = st.nodes, n = null; for (const i of path) { n = list[i]; list = n.nodes || []; } return n; }
function parentList(st, path) { return path.length === 1 ? st.nodes : at(st, path.slice(0, -1)).nodes; }
function parentType(st, path) { return path.length === 1 ? 'root' : at(st, path.slice(0, -1)).type; }
const same = (a, b) => a && b && a.length === b.length && a.every((x, i) => x === b[i]);

function newNode(type) {
  const n = { type, title: { action: 'Actions', switch: 'Decision', outcome: 'Outcome', loop: 'Loop', subroutine: 'Subroutine' }[type], status: 'live', params: {}, nodes: [] };
  if (type === 'action') n.params = { actions: [] };
  if (type === 'outcome') n.params = { groups: [{ any: 0, conditions: [] }] };
  if (type === 'loop') n.params = { foreach: '', as_placeholder: 'item' };
  return n;
}

/** Adds a node of {@code type} inside the node at {@code path} when it may hold one, else after it. */
function addNode(st, path, type) {
  const n = newNode(type);
  const host = path.length ? at(st, path) : null;
  if (!host || CHILDREN[host.type].includes(type)) {
    const list = host ? (host.nodes = host.nodes || []) : st.nodes;
    if (!(host ? CHILDREN[host.type] : CHILDREN.root).includes(type)) return;
    list.push(n); st.sel = [...path, list.length - 1];
  } else if (CHILDREN[parentType(st, path)].includes(type)) {
    parentList(st, path).splice(path[path.length - 1] + 1, 0, n); st.sel = [...path.slice(0, -1), path[path.length - 1] + 1];
  } else { st.error = { path: null, message: `A ${type} cannot go inside or next to a ${host.type}.` }; return; }
  st.error = null; st.dirty = true;
}

function treeView(st, redraw) {
  const list = (nodes, base) => h('ul', { role: base.length ? 'group' : 'tree', 'aria-label': base.length ? null : 'Nodes' },
    nodes.map((n, i) => {
      const path = [...base, i];
      return h('li', { 'data-path': path.join('.') },
        h('button', { type: 'button', class: 'node' + (n.status === 'disabled' ? ' off' : ''), 'aria-pressed': same(st.sel, path) ? 'true' : 'false',
          onclick: () => { st.sel = path; redraw(); } },
        h('span', { class: 'kind' }, n.type), n.title || '(untitled)',
        n.status === 'simulator' ? h('span', { class: 'badge warn' }, 'simulator only') : null),
        summary(n), n.nodes && n.nodes.length ? list(n.nodes, path) : null);
    }));
  if (!st.nodes.length) return h('p', { class: 'muted' }, 'The tree is empty: add a node.');
  return list(st.nodes, []);
}

function summary(n) {
  const p = n.params || {};
  if (n.type === 'action') {
    return h('ul', { class: 'detail' }, (p.actions || []).map(a => h('li', {}, h('code', {}, a.action),
      Object.entries(a).filter(([k]) => k !== 'action').map(([k, v]) => h('span', { class: 'param' }, ` ${k}=`,
        h('code', {}, SECRET.test(k) ? '********' : short(v)))))));
  }
  if (n.type === 'outcome') {
    return h('ul', { class: 'detail' }, (p.groups || []).map(g => h('li', {}, h('span', { class: 'muted' }, g.any ? 'any of: ' : 'all of: '),
      (g.conditions || []).map((c, i) => h('span', { class: 'cond' }, i ? ', ' : '', h('code', {}, c.condition === '_custom_script'
        ? `${c.tpl ?? ''}` : c.condition + (c.name ? `[${c.name}]` : '')), ` ${c.oper || 'is'} `, h('code', {}, short(c.value ?? '')))))));
  }
  if (n.type === 'loop') return h('ul', { class: 'detail' }, h('li', {}, 'for each ', h('code', {}, short(p.foreach || '')), ' as ', h('code', {}, p.as_placeholder || '')));
  return null;
}

function short(v) { const s = typeof v === 'string' ? v : JSON.stringify(v); return s.length > 80 ? s.slice(0, 77) + '…' : s; }

// ---- The selected node ---------------------------------------------------------------------------------------

function nodeForm(st, redraw) {
  const err = st.error && !st.error.path ? notice('error', st.error.message) : null;
  if (!st.sel) {
    return h('div', {}, h('h3', { class: 'flush' }, 'Node'), err,
      h('p', { class: 'muted' }, 'Select a node in the tree to edit it, or add one.'),
      st.clip ? h('button', { type: 'button', id: 'paste-top', onclick: () => { st.nodes.push(structuredClone(st.clip)); st.sel = [st.nodes.length - 1]; st.change(); } }, `Paste "${st.clip.title}" at the top level`) : null);
  }
  const path = st.sel, n = at(st, path), idx = path[path.length - 1], siblings = parentList(st, path);
  const move = fn => () => { fn(); st.change(); };
  const prev = idx > 0 ? siblings[idx - 1] : null;
  const canIndent = prev && CHILDREN[prev.type].includes(n.type);
  const grand = path.length > 1 ? parentType(st, path.slice(0, -1)) : null;
  const canOutdent = path.length > 1 && CHILDREN[grand].includes(n.type);
  const title = h('input', { type: 'text', value: n.title || '', 'data-path': pathOf(path) + '.title',
    oninput: e => { n.title = e.target.value; st.dirty = true; }, onchange: e => { n.title = e.target.value; st.change(); } });
  const status = h('select', { onchange: e => { n.status = e.target.value; st.change(); } },
    STATUSES.map(([v, t]) => h('option', { value: v, selected: (n.status || 'live') === v }, t)));
  const adds = CHILDREN[n.type].length ? CHILDREN[n.type] : CHILDREN[parentType(st, path)];
  return h('div', {}, h('h3', { class: 'flush' }, `${n.type}: ${n.title || ''}`), err,
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'node-up', disabled: idx === 0, onclick: move(() => { siblings.splice(idx - 1, 0, siblings.splice(idx, 1)[0]); path[path.length - 1]--; }) }, 'Move up'),
      h('button', { type: 'button', id: 'node-down', disabled: idx === siblings.length - 1, onclick: move(() => { siblings.splice(idx + 1, 0, siblings.splice(idx, 1)[0]); path[path.length - 1]++; }) }, 'Move down'),
      h('button', { type: 'button', id: 'node-indent', disabled: !canIndent, title: 'Into the node above', onclick: move(() => {
        siblings.splice(idx, 1); (prev.nodes = prev.nodes || []).push(n); st.sel = [...path.slice(0, -1), idx - 1, prev.nodes.length - 1]; }) }, 'Indent'),
      h('button', { type: 'button', id: 'node-outdent', disabled: !canOutdent, title: 'Out of its parent', onclick: move(() => {
        siblings.splice(idx, 1); const up = parentList(st, path.slice(0, -1)); const pi = path[path.length - 2];
        up.splice(pi + 1, 0, n); st.sel = [...path.slice(0, -2), pi + 1]; }) }, 'Outdent'),
      h('button', { type: 'button', id: 'node-copy', onclick: () => { st.clip = structuredClone(n); redraw(); } }, 'Copy'),
      st.clip ? h('button', { type: 'button', id: 'node-paste', onclick: () => {
        const c = structuredClone(st.clip);
        if (CHILDREN[n.type].includes(c.type)) { (n.nodes = n.nodes || []).push(c); st.sel = [...path, n.nodes.length - 1]; }
        else if (CHILDREN[parentType(st, path)].includes(c.type)) { siblings.splice(idx + 1, 0, c); st.sel = [...path.slice(0, -1), idx + 1]; }
        else { st.error = { message: `A copied ${c.type} cannot go inside or next to a ${n.type}.` }; redraw(); return; }
        st.change(); } }, `Paste "${st.clip.title}"`) : null,
      h('button', { type: 'button', class: 'danger', id: 'node-delete', onclick: () => {
        if (!confirm(`Delete "${n.title}" and everything under it?`)) return;
        siblings.splice(idx, 1); st.sel = null; st.change(); } }, 'Delete')),
    h('div', { class: 'row' }, adds.map(t => h('button', { type: 'button', id: 'node-add-' + t, onclick: () => { addNode(st, path, t); redraw(); } },
      CHILDREN[n.type].includes(t) ? `Add ${t} inside` : `Add ${t} after`))),
    h('div', { class: 'grid2' }, labelled('node-title', 'Title', title), labelled('node-status', 'Status', status)),
    n.type === 'action' ? actionsForm(st, n, path) : null,
    n.type === 'outcome' ? outcomeForm(st, n, path) : null,
    n.type === 'loop' ? h('div', { class: 'grid2' },
      labelled('loop-foreach', 'For each (a template giving a list)', template(st, n.params, 'foreach', pathOf(path) + '.params.foreach')),
      labelled('loop-as', 'As placeholder', text(st, n.params, 'as_placeholder', pathOf(path) + '.params.as_placeholder'))) : null);
}

const pathOf = path => path.map(i => `nodes[${i}]`).join('.');

function labelled(id, label, input, hint) {
  // A template field is a wrapper: the label names its text box, the picker gets an id next to it.
  if (input.classList.contains('template')) {
    input.querySelector('input, textarea').id = id;
    input.querySelector('select.picker').id = id + '-picker';
  } else input.id = id;
  return h('div', {}, h('label', { for: id }, label), input, hint ? h('div', { class: 'muted small' }, hint) : null);
}

function fieldError(st, p) {
  return st.error && st.error.path === p ? h('div', { class: 'field-error', role: 'alert' }, st.error.message) : null;
}

/** A one-line text input bound to {@code obj[key]}. */
function text(st, obj, key, p, type) {
  const store = e => { obj[key] = type === 'number' && e.target.value !== '' ? Number(e.target.value) : e.target.value; st.dirty = true; };
  return h('input', { type: type || 'text', value: obj[key] ?? '', 'data-path': p, 'aria-invalid': st.error && st.error.path === p ? 'true' : null,
    oninput: store, onchange: store });
}

/** A template textarea bound to {@code obj[key]} with a placeholder picker and the API's inline error under it. */
function template(st, obj, key, p, secret) {
  const input = secret ? text(st, obj, key, p, 'password')
    : h('textarea', { class: 'short', rows: 2, spellcheck: 'false', 'data-path': p, 'aria-invalid': st.error && st.error.path === p ? 'true' : null,
      oninput: e => { obj[key] = e.target.value; st.dirty = true; },
      onchange: e => { obj[key] = e.target.value; st.dirty = true; } }, obj[key] ?? '');
  const wrap = h('div', { class: 'template' }, input);
  const picker = h('select', { class: 'picker', 'aria-label': 'Insert a placeholder', onchange: e => {
    if (!e.target.value) return;
    const ins = `{{${e.target.value}}}`, s = input.selectionStart ?? input.value.length, end = input.selectionEnd ?? s;
    input.value = input.value.slice(0, s) + ins + input.value.slice(end);
    obj[key] = input.value; st.dirty = true; e.target.value = ''; input.focus();
    input.setSelectionRange(s + ins.length, s + ins.length);
  } }, h('option', { value: '' }, 'Insert placeholder…'), st.ph.placeholders.map(x => h('option', { value: x.name }, x.name)),
  outputsGroup(st, p));
  wrap.append(picker);
  const fe = fieldError(st, p);
  if (fe) wrap.append(fe);
  return wrap;
}

/**
 * The variables actions above the field at {@code p} set (their declared outputs, GET /api/actions), as an optgroup of
 * the placeholder picker, or null. "Above" is what runs before it: earlier actions of the same node, and the earlier
 * siblings of the node and of each node it is in, with everything inside them, except a switch's other outcomes.
 */
function outputsGroup(st, p) {
  const path = [...p.matchAll(/nodes\[(\d+)\]/g)].map(m => Number(m[1]));
  const inAction = /params\.actions\[(\d+)\]/.exec(p);
  const found = new Map();
  const fromActions = (list, upTo) => list.slice(0, upTo).forEach(a => {
    const def = st.action(a.action);
    for (const o of (def && def.outputs) || []) {
      const name = o.name.replace(/\{(\w+)\}/g, (_, param) => typeof a[param] === 'string' ? a[param].trim() : '');
      if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !found.has(name)) found.set(name, `${name} — ${o.description || o.type} (${a.action})`);
    }
  });
  const fromNode = n => {
    if (n.status === 'disabled') return;
    if (n.type === 'action') fromActions((n.params && n.params.actions) || [], Infinity);
    (n.nodes || []).forEach(fromNode);
  };
  let list = st.nodes, parent = null;
  path.forEach((i, depth) => {
    if (!parent || parent.type !== 'switch') list.slice(0, i).forEach(fromNode);
    const n = list[i];
    if (depth === path.length - 1 && n && n.type === 'action' && inAction) fromActions((n.params && n.params.actions) || [], Number(inAction[1]));
    parent = n; list = (n && n.nodes) || [];
  });
  if (!found.size) return null;
  return h('optgroup', { label: 'Set by actions above' }, [...found].map(([v, t]) => h('option', { value: v }, t)));
}

function actionsForm(st, n, path) {
  const list = (n.params.actions = n.params.actions || []);
  const base = pathOf(path) + '.params.actions';
  const groups = new Map();
  for (const a of st.actions) { if (!groups.has(a.plugin)) groups.set(a.plugin, []); groups.get(a.plugin).push(a); }
  return h('div', {},
    h('h4', {}, 'Actions'),
    fieldError(st, pathOf(path) + '.params.actions') ,
    list.map((a, i) => {
      const def = st.action(a.action);
      const p = `${base}[${i}]`;
      return h('fieldset', { class: 'act', 'data-action': a.action, 'data-index': i },
        h('legend', {}, def ? def.label : a.action, ' ', h('code', { class: 'small' }, a.action), def ? h('span', { class: 'muted small' }, ` · ${def.plugin}`) : null),
        fieldError(st, p), fieldError(st, p + '.action'),
        def ? null : h('p', { class: 'muted small' }, 'This event offers no such action.'),
        (def ? def.params : Object.keys(a).filter(k => k !== 'action').map(k => ({ name: k, type: 'text' }))).map(pd => {
          const id = `act-${i}-${pd.name}`, pp = `${p}.${pd.name}`;
          const lbl = pd.name + (pd.required ? ' (required)' : '');
          let input;
          if (pd.choices && pd.choices.length) {
            input = h('select', { 'data-path': pp, onchange: e => { a[pd.name] = e.target.value; st.dirty = true; } },
              h('option', { value: '' }, '–'), pd.choices.map(c => h('option', { value: c, selected: a[pd.name] === c }, c)));
          } else if (pd.type === 'boolean') {
            input = h('input', { type: 'checkbox', checked: !!a[pd.name] && a[pd.name] !== '0', 'data-path': pp,
              onchange: e => { a[pd.name] = e.target.checked; st.dirty = true; } });
          } else if (pd.type === 'template') {
            input = template(st, a, pd.name, pp, SECRET.test(pd.name));
          } else if (pd.type === 'json' || pd.type === 'template_map') {
            input = h('textarea', { class: 'short', rows: 2, spellcheck: 'false', 'data-path': pp, onchange: e => {
              const v = e.target.value.trim();
              try { a[pd.name] = v ? JSON.parse(v) : undefined; e.target.removeAttribute('aria-invalid'); st.dirty = true; }
              catch (x) { e.target.setAttribute('aria-invalid', 'true'); alert(`${pd.name}: not valid JSON (${x.message})`); }
            } }, a[pd.name] === undefined ? '' : JSON.stringify(a[pd.name], null, 1));
          } else {
            input = text(st, a, pd.name, pp, SECRET.test(pd.name) ? 'password' : pd.type === 'number' ? 'number' : 'text');
          }
          if (pd.required && input.setAttribute) input.setAttribute('aria-required', 'true');
          const f = labelled(id, lbl, input, pd.description || null);
          if (pd.type !== 'template') { const fe = fieldError(st, pp); if (fe) f.append(fe); }
          return f;
        }),
        h('div', { class: 'row' },
          h('button', { type: 'button', disabled: i === 0, onclick: () => { list.splice(i - 1, 0, list.splice(i, 1)[0]); st.change(); } }, 'Up'),
          h('button', { type: 'button', disabled: i === list.length - 1, onclick: () => { list.splice(i + 1, 0, list.splice(i, 1)[0]); st.change(); } }, 'Down'),
          h('button', { type: 'button', class: 'danger', onclick: () => { list.splice(i, 1); st.change(); } }, `Remove ${a.action}`)));
    }),
    h('div', { class: 'palette', role: 'group', 'aria-label': 'Add an action' }, h('h4', {}, 'Add an action'),
      [...groups].map(([plugin, acts]) => h('div', { class: 'palette-group' }, h('div', { class: 'muted small' }, plugin),
        acts.map(a => h('button', { type: 'button', id: 'palette-' + a.id, title: a.id + (a.side_effects ? ' · has side effects' : ''),
          onclick: () => { const x = { action: a.id }; for (const pd of a.params) if (pd.required && pd.type !== 'boolean') x[pd.name] = ''; list.push(x); st.change(); } }, a.label))))));
}

function outcomeForm(st, n, path) {
  const groups = (n.params.groups = n.params.groups || [{ any: 0, conditions: [] }]);
  const base = pathOf(path) + '.params.groups';
  const named = new Set(st.ph.conditions.map(c => c.id));
  const options = [['_custom_script', 'Custom template'], ...st.ph.conditions.map(c => [c.id, c.label]),
    ...st.ph.placeholders.map(x => [x.name, x.name + (x.description ? ` — ${x.description}` : '')])];
  return h('div', {}, h('h4', {}, 'Conditions'),
    groups.map((g, gi) => h('fieldset', { class: 'group', 'data-group': gi },
      h('legend', {}, `Group ${gi + 1}`),
      labelled(`group-${gi}-any`, 'Match', h('select', { onchange: e => { g.any = Number(e.target.value); st.change(); } },
        h('option', { value: '0', selected: !g.any }, 'all of these'), h('option', { value: '1', selected: !!g.any }, 'any of these'))),
      (g.conditions = g.conditions || []).map((c, ci) => {
        const p = `${base}[${gi}].conditions[${ci}]`, id = `cond-${gi}-${ci}`;
        const which = h('select', { 'data-path': p + '.condition', onchange: e => { c.condition = e.target.value; if (!named.has(c.condition)) delete c.name; st.change(); } },
          options.map(([v, t]) => h('option', { value: v, selected: c.condition === v }, t)));
        const oper = h('select', { 'data-path': p + '.oper', onchange: e => { c.oper = e.target.value; st.dirty = true; } },
          OPERATORS.map(([v, t]) => h('option', { value: v, selected: (c.oper || 'is') === v }, t)));
        return h('div', { class: 'cond-row', 'data-condition': ci },
          fieldError(st, p), fieldError(st, p + '.condition'),
          h('div', { class: 'grid3' }, labelled(id + '-condition', 'Condition', which),
            named.has(c.condition) ? labelled(id + '-name', 'Name', text(st, c, 'name', p + '.name')) : null,
            c.condition === '_custom_script' ? labelled(id + '-tpl', 'Template', template(st, c, 'tpl', p + '.tpl')) : null,
            labelled(id + '-oper', 'Operator', oper),
            labelled(id + '-value', 'Value', template(st, c, 'value', p + '.value'))),
          h('button', { type: 'button', class: 'danger', onclick: () => { g.conditions.splice(ci, 1); st.change(); } }, 'Remove condition'));
      }),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: `group-${gi}-add`, onclick: () => {
          g.conditions.push({ condition: st.ph.conditions[0] ? st.ph.conditions[0].id : '_custom_script', oper: 'is', value: '' }); st.change(); } }, 'Add condition'),
        groups.length > 1 ? h('button', { type: 'button', class: 'danger', onclick: () => { groups.splice(gi, 1); st.change(); } }, 'Remove group') : null))),
    h('button', { type: 'button', id: 'add-group', onclick: () => { groups.push({ any: 0, conditions: [] }); st.change(); } }, 'Add group'));
}

/** Selects the node a 422's path names so its form shows the message next to the field. */
function showError(st, e) {
  const idx = [...e.path.matchAll(/nodes\[(\d+)\]/g)].map(m => Number(m[1]));
  if (idx.length) st.sel = idx;
  st.error = { path: e.path, message: errorText(e) };
}

// ---- Diff ------------------------------------------------------------------------------------------------------

function showDiff(box, d) {
  box.replaceChildren(h('h4', {}, `Changes from ${d.from} to ${d.to}`),
    d.changes.length ? h('table', { class: 'diff' }, h('thead', {}, h('tr', {}, ['Path', 'Change', 'From', 'To'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, d.changes.map(c => h('tr', { class: 'change-' + c.change }, h('td', {}, h('code', {}, c.path)), h('td', {}, c.change),
        h('td', {}, 'from' in c ? h('pre', { class: 'inline del' }, show(c.from)) : ''),
        h('td', {}, 'to' in c ? h('pre', { class: 'inline ins' }, show(c.to)) : '')))))
      : h('p', { class: 'muted' }, 'No differences.'));
}

const show = v => typeof v === 'string' ? v : JSON.stringify(v, null, 2);

// ---- Plugins' panels -----------------------------------------------------------------------------------------

/**
 * Mounts the started plugins' panels for this behavior's event (AdminPages.editorPanels()), each in its own section.
 * A panel module's default export is called as {@code panel(container, editor)}, where {@code editor} is
 * { behavior: the GET /api/behaviors/{id} answer, behaviorId, draft(): a copy of the nodes being edited (unsaved
 * changes included), onSaved(fn): fn() runs after each saved draft, ui: the helpers of /admin/ui.js }.
 * A panel that fails to load or render shows its error in its section; the editor keeps working.
 */
async function mountPanels(st, lower) {
  const { editor_panels: panels } = await api('GET', '/api/admin/pages');
  const editor = Object.freeze({ behavior: st.b, behaviorId: st.b.id, draft: () => structuredClone(st.nodes),
    onSaved: fn => { st.saved.push(fn); }, ui });
  for (const p of panels.filter(x => x.event === st.b.event)) {
    const box = h('div', { class: 'editor-panel', 'data-plugin': p.plugin || 'host' });
    lower.append(box);
    try { await (await import(p.module)).default(box, editor); }
    catch (e) { box.append(notice('error', `The ${p.plugin || 'host'} panel failed: ${errorText(e)}`)); }
  }
}
