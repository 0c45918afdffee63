// The webhooks plugin's Subscriptions page: outbound subscriptions (create, edit, test, rotate the secret,
// enable/disable, delete), their deliveries with a chart, filters and range replay, and one delivery's attempts.

import { h, svg, api, add, action, notice, badge, time, field, copyButton, select, checkbox, errorText, render, setFlash,
  stylesheet } from '/admin/ui.js';
import { pluginApi, headersPre, bodyPre } from './common.js';

stylesheet(new URL('./subscriptions.css', import.meta.url));

const SUBSCRIPTION_FIELDS = ['name', 'description', 'enabled', 'url', 'events', 'filter', 'payload_format',
  'payload_template', 'post_mode', 'auth', 'custom_header', 'secret', 'github_signature', 'secret_in_payload'];
const KNOWN_EVENTS = ['ticket.created', 'ticket.updated', 'ticket.deleted', 'webhook.subscription.disabled'];
const POST_MODES = [['async', 'Async, with durable retries'], ['sync', 'Sync (a failure is retried later)'],
  ['sync_critical', 'Sync critical (a failure vetoes the change)']];
const UNCHANGED = 'unchanged (type a new one to replace it)';

function secretNotice(secret, what) {
  return h('div', { class: 'notice ok', role: 'status' }, `${what} Copy the signing secret now; it is not shown again: `,
    h('code', { id: 'new-secret' }, secret), ' ', copyButton(secret));
}

/**
 * The create/edit form with every field the subscription API takes. Secrets the API masks on read are never put
 * back into the form: they are sent only when the user types a new one, so the stored ones are kept. A 422 is
 * shown next to the form, naming the field, which is marked invalid and focused.
 */
function subscriptionForm(s, submitLabel, submitId, onSubmit) {
  const editing = Boolean(s);
  s = s || { name: '', description: '', enabled: true, url: '', events: ['ticket.created', 'ticket.updated'],
    payload_format: 'json', post_mode: 'async', auth: { type: 'none' }, custom_header: null };
  const had = { basic: s.auth.type === 'basic', bearer: s.auth.type === 'bearer', header: Boolean(s.custom_header) };
  const f = {
    name: h('input', { type: 'text', required: true, maxlength: 100, placeholder: 'crm-sync', value: s.name }),
    description: h('input', { type: 'text', maxlength: 1000, value: s.description || '' }),
    url: h('input', { type: 'url', required: true, placeholder: 'https://example.com/hooks/switchboard', value: s.url }),
    events: h('input', { type: 'text', list: 'known-events', value: s.events.join(', ') }),
    filter: h('textarea', { rows: 2, spellcheck: 'false', class: 'short', placeholder: "{{ ticket.status == 'open' }}" }, s.filter || ''),
    payload_format: select([['json', 'JSON'], ['xml', 'XML']], s.payload_format),
    post_mode: select(POST_MODES, s.post_mode),
    payload_template: h('textarea', { rows: 6, spellcheck: 'false',
      placeholder: '{"subject": "{{ ticket.subject }}", "event": "{{ event.id }}"}' }, s.payload_template || ''),
    auth_type: select([['none', 'None'], ['basic', 'HTTP Basic'], ['bearer', 'Bearer token']], s.auth.type),
    auth_username: h('input', { type: 'text', autocomplete: 'off', value: s.auth.username || '' }),
    auth_password: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.basic ? UNCHANGED : null }),
    auth_token: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.bearer ? UNCHANGED : null }),
    header_name: h('input', { type: 'text', autocomplete: 'off', placeholder: 'X-Tenant', value: s.custom_header ? s.custom_header.name : '' }),
    header_value: h('input', { type: 'password', autocomplete: 'new-password', placeholder: had.header ? UNCHANGED : null }),
    signing: select(editing
      ? [s.secret ? ['keep', 'Keep the current secret'] : ['none', 'Unsigned'], ['own', 'Use my own secret'],
        s.secret ? ['none', 'Remove the secret (unsigned)'] : null].filter(Boolean)
      : [['generate', 'Generate a secret (shown once)'], ['own', 'Use my own secret'], ['none', 'Unsigned']]),
    secret: h('input', { type: 'password', autocomplete: 'new-password', placeholder: 'whsec_…' }),
  };
  const enabled = checkbox('subscription-enabled', 'Enabled', s.enabled);
  const github = checkbox('subscription-github', 'Also sign as GitHub does (X-Hub-Signature-256)', s.github_signature);
  const inPayload = checkbox('subscription-secret-in-payload', 'Put the secret in the payload', s.secret_in_payload,
    'Only for receivers built for APIO; anyone who sees a payload sees the secret.');
  const basic = h('div', { class: 'grid3' }, field('subscription-auth-username', 'Username', f.auth_username),
    field('subscription-auth-password', 'Password', f.auth_password));
  const bearer = h('div', { class: 'grid3' }, field('subscription-auth-token', 'Token', f.auth_token));
  const own = field('subscription-secret', 'Signing secret', f.secret, 'whsec_ followed by base64 of at least 24 bytes.');
  const sync = () => {
    basic.hidden = f.auth_type.value !== 'basic';
    bearer.hidden = f.auth_type.value !== 'bearer';
    own.hidden = f.signing.value !== 'own';
  };
  f.auth_type.addEventListener('change', sync);
  f.signing.addEventListener('change', sync);
  sync();
  const moved = h('div', { id: 'subscription-url-moved' });
  const privateNote = h('div', { id: 'subscription-url-private' });
  const checkPrivate = () => privateNote.replaceChildren(privateHost(f.url.value) ? notice('warn',
    `${privateHost(f.url.value)} is a private or local address. Deliveries to it are refused unless the outbound `
    + 'allowlist (SWITCHBOARD_OUTBOUND_ALLOWLIST, or outbound.allowlist in the config) names it, or an admin adds it '
    + 'with PUT /api/outbound/allowlist; the subscription is saved either way. That change sends the deliveries the '
    + 'allowlist refused at once instead of at their next retry.') : '');
  f.url.addEventListener('input', checkPrivate);
  checkPrivate();
  if (editing) {
    // Signing never switches off as a side effect: a new URL gets a new secret (shown once) unless one is typed.
    const keep = f.signing.querySelector('option[value="keep"]');
    f.url.addEventListener('input', () => {
      const same = f.url.value.trim() === s.url;
      if (keep) keep.textContent = same ? 'Keep the current secret' : 'Keep signing, with a new secret (shown once)';
      moved.replaceChildren(same ? '' : notice('info', 'The URL changes: the password or token and custom header value '
        + 'are cleared unless you enter them again below. Deliveries stay signed'
        + (s.secret ? ': with a new secret, shown once after saving, unless you choose your own.' : ' as chosen below.')));
    });
  }
  const body = () => {
    const b = { name: f.name.value.trim(), description: f.description.value, enabled: enabled.querySelector('input').checked,
      url: f.url.value.trim(), events: f.events.value.split(',').map(x => x.trim()).filter(Boolean),
      filter: f.filter.value.trim() ? f.filter.value : null, payload_format: f.payload_format.value,
      payload_template: f.payload_template.value.trim() ? f.payload_template.value : null, post_mode: f.post_mode.value,
      auth: { type: f.auth_type.value }, custom_header: null,
      github_signature: github.querySelector('input').checked, secret_in_payload: inPayload.querySelector('input').checked };
    if (b.auth.type === 'basic') {
      b.auth.username = f.auth_username.value;
      if (f.auth_password.value) b.auth.password = f.auth_password.value;
    }
    if (b.auth.type === 'bearer' && f.auth_token.value) b.auth.token = f.auth_token.value;
    if (f.header_name.value.trim()) {
      b.custom_header = { name: f.header_name.value.trim() };
      if (f.header_value.value) b.custom_header.value = f.header_value.value;
    }
    if (f.signing.value === 'own') b.secret = f.secret.value;
    if (f.signing.value === 'none') b.secret = null;
    return b;
  };
  const inputs = { name: f.name, description: f.description, url: f.url, events: f.events, filter: f.filter,
    payload_format: f.payload_format, payload_template: f.payload_template, post_mode: f.post_mode, auth: f.auth_type,
    'auth.type': f.auth_type, 'auth.username': f.auth_username, 'auth.password': f.auth_password, 'auth.token': f.auth_token,
    custom_header: f.header_name, 'custom_header.name': f.header_name, 'custom_header.value': f.header_value,
    secret: f.secret, enabled: enabled.querySelector('input'), github_signature: github.querySelector('input'),
    secret_in_payload: inPayload.querySelector('input') };
  const out = h('div', { id: 'subscription-form-result' });
  const submit = async (ev) => {
    ev.preventDefault();
    const btn = ev.submitter;
    if (btn) btn.disabled = true;
    form.querySelectorAll('[aria-invalid]').forEach(x => { x.removeAttribute('aria-invalid'); x.removeAttribute('aria-describedby'); });
    out.replaceChildren();
    try { await onSubmit(body()); } catch (e) {
      const input = e.status === 422 && inputs[e.path];
      const label = input && form.querySelector(`label[for="${input.id}"]`);
      const shown = notice('error', (label ? label.textContent + ': ' : '') + errorText(e));
      shown.id = 'subscription-form-error';
      out.replaceChildren(shown);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', shown.id);
        input.focus();
      }
    } finally { if (btn) btn.disabled = false; }
  };
  const form = h('form', { class: 'panel subscription-form', novalidate: true, onsubmit: submit },
    h('datalist', { id: 'known-events' }, KNOWN_EVENTS.map(e => h('option', { value: e }))),
    h('fieldset', {}, h('legend', {}, 'Receiver and events'),
      h('div', { class: 'grid3' }, field('subscription-name', 'Name', f.name, 'Letters, digits, ".", "_" and "-".'),
        field('subscription-description', 'Description', f.description)),
      enabled,
      field('subscription-url', 'Receiver URL', f.url, editing
        ? 'Changing the URL clears the stored password or token and custom header value unless you enter them again; a signed subscription stays signed, with a new secret unless you enter your own.'
        : null),
      moved, privateNote,
      field('subscription-events', 'Events (comma-separated)', f.events, 'For example ' + KNOWN_EVENTS.join(', ') + '.'),
      field('subscription-filter', 'Filter (template)', f.filter,
        'Optional. The event is sent only when this renders something other than empty, 0 or false.')),
    h('fieldset', {}, h('legend', {}, 'Payload and delivery'),
      h('div', { class: 'grid3' }, field('subscription-format', 'Payload format', f.payload_format),
        field('subscription-mode', 'Delivery', f.post_mode)),
      field('subscription-template', 'Payload template (Jinja)', f.payload_template,
        'Optional; empty sends the standard envelope. Sees event, id, timestamp, data and each key of data '
        + '(e.g. {{ ticket.subject }}); the output must parse as the payload format.')),
    h('fieldset', {}, h('legend', {}, 'Authentication and headers'),
      field('subscription-auth-type', 'Authentication', f.auth_type), basic, bearer,
      h('div', { class: 'grid3' }, field('subscription-header-name', 'Custom header name', f.header_name),
        field('subscription-header-value', 'Custom header value', f.header_value)),
      h('p', { class: 'muted small' }, 'Passwords, tokens and the header value are write-only: they are stored encrypted and never shown again.'
        + (editing ? ' Leave them empty to keep the stored ones; empty the header name to remove the header.' : ''))),
    h('fieldset', {}, h('legend', {}, 'Signing (Standard Webhooks)'),
      field('subscription-signing', 'Signing secret', f.signing), own, github, inPayload),
    out,
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: submitId }, submitLabel)));
  return form;
}

export default async function subscriptions(main, [subscriptionId, deliveryId]) {
  if (deliveryId === 'edit') return subscriptionEdit(main, Number(subscriptionId));
  if (deliveryId) return delivery(main, Number(subscriptionId), Number(deliveryId));
  if (subscriptionId) return subscription(main, Number(subscriptionId));
  const { subscriptions: list } = await pluginApi('/api/webhooks/subscriptions');
  const create = async (body) => {
    const s = await api('POST', '/api/webhooks/subscriptions', body);
    // The hash change re-renders; the secret goes with it, once.
    sessionStorage.setItem('switchboard.secret.' + s.id, s.secret || '');
    location.hash = '#/subscriptions/' + s.id;
  };
  main.append(h('h2', {}, 'Subscriptions'),
    h('p', { class: 'muted' }, 'Subscriptions send helpdesk events to other systems, signed per Standard Webhooks.'),
    list.length ? h('table', { id: 'subscriptions' },
      h('thead', {}, h('tr', {}, ['Subscription', 'URL', 'Events', 'Mode', 'State'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(s => h('tr', { 'data-subscription': s.id },
        h('td', {}, h('a', { href: '#/subscriptions/' + s.id }, s.name)),
        h('td', {}, h('span', { class: 'url' }, s.url)),
        h('td', {}, s.events.map(e => h('code', { class: 'tag' }, e))),
        h('td', {}, s.post_mode.replace('_', ' ')),
        h('td', {}, badge(s.enabled ? 'enabled' : 'disabled'), s.disabled_reason ? h('div', { class: 'muted small' }, s.disabled_reason) : null)))))
      : h('p', { class: 'muted' }, 'No subscriptions yet.'),
    h('h3', {}, 'New subscription'),
    subscriptionForm(null, 'Create subscription', 'create-subscription', create));
}

async function subscriptionEdit(main, id) {
  const s = await pluginApi('/api/webhooks/subscriptions/' + id);
  const save = async (body) => {
    const saved = await api('PUT', '/api/webhooks/subscriptions/' + id, body);
    // A URL change replaces a signing secret that was not typed again: the answer shows the new one, this once.
    const renewed = saved.secret && !saved.secret.endsWith('********') && saved.secret !== body.secret;
    if (renewed) sessionStorage.setItem('switchboard.secret.' + id, saved.secret);
    setFlash(notice('ok', 'Saved.' + (renewed
      ? ' The URL changed, so deliveries are now signed with a new secret: give it to the new receiver.' : '')));
    location.hash = '#/subscriptions/' + id;
  };
  main.append(h('p', {}, h('a', { href: '#/subscriptions/' + id }, '← ' + s.name)),
    h('h2', {}, 'Edit ' + s.name),
    subscriptionForm(s, 'Save subscription', 'save-subscription', save));
}

function authText(auth) {
  return auth.type === 'basic' ? `HTTP Basic as ${auth.username}` : auth.type === 'bearer' ? 'Bearer token' : 'none';
}

async function subscription(main, id) {
  const out = h('div', { id: 'subscription-result' });
  const chart = h('div', { id: 'chart' });
  const drawChart = async () => {
    const stats = await api('GET', `/api/webhooks/subscriptions/${id}/stats?hours=24`);
    chart.replaceChildren(...deliveryChart(stats));
    return stats.dead_letters;
  };
  const [s, history] = await Promise.all([pluginApi('/api/webhooks/subscriptions/' + id), deliveries(id, drawChart)]);
  const fresh = sessionStorage.getItem('switchboard.secret.' + id);
  sessionStorage.removeItem('switchboard.secret.' + id);
  const put = async (changes) => {
    const body = {};
    for (const k of SUBSCRIPTION_FIELDS) if (k in s) body[k] = s[k];
    await api('PUT', '/api/webhooks/subscriptions/' + id, Object.assign(body, changes));
  };
  const toggle = action(async () => { await put({ enabled: !s.enabled }); await render(); }, out);
  const test = action(async () => {
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/test`);
    const a = r.attempt;
    out.replaceChildren(notice(a.succeeded ? 'ok' : 'error', a.succeeded
      ? `Test delivered: the receiver answered ${a.response.status} in ${a.duration_ms} ms.`
      : `Test failed: ${a.error || 'the receiver answered ' + (a.response ? a.response.status : 'nothing')}.`));
    await history.reload();
  }, out);
  const rotate = action(async () => {
    if (s.secret && !confirm('Rotate the signing secret? The old one keeps signing for 24 hours.')) return;
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/rotate-secret`, { grace_seconds: 86400 });
    if (!s.secret) { sessionStorage.setItem('switchboard.secret.' + id, r.secret); return render(); }
    out.replaceChildren(secretNotice(r.secret, 'Rotated.'));
  }, out);
  const remove = action(async () => {
    if (!confirm(`Delete subscription "${s.name}"?`)) return;
    await api('DELETE', '/api/webhooks/subscriptions/' + id);
    location.hash = '#/subscriptions';
  }, out);
  add(main, h('p', {}, h('a', { href: '#/subscriptions' }, '← Subscriptions')),
    h('div', { class: 'row' }, h('h2', { class: 'grow' }, s.name), badge(s.enabled ? 'enabled' : 'disabled')),
    fresh ? secretNotice(fresh, s.secret ? 'Created.' : 'Generated.') : null,
    s.disabled_reason ? notice('error', 'Disabled: ' + s.disabled_reason) : null,
    out,
    h('section', { class: 'panel' },
      s.description ? h('p', { style: 'margin-top:0' }, s.description) : null,
      h('dl', { class: 'facts', id: 'subscription-facts' },
        h('dt', {}, 'URL'), h('dd', { class: 'url' }, s.url),
        h('dt', {}, 'Events'), h('dd', {}, s.events.map(e => h('code', { class: 'tag' }, e))),
        s.filter ? [h('dt', {}, 'Filter'), h('dd', {}, h('code', {}, s.filter))] : null,
        h('dt', {}, 'Payload'), h('dd', {}, s.payload_format.toUpperCase(), s.payload_template ? ' from a template' : ' envelope'),
        s.payload_template ? [h('dt', {}, 'Template'), h('dd', {}, h('pre', { class: 'inline' }, s.payload_template))] : null,
        h('dt', {}, 'Delivery'), h('dd', {}, s.post_mode.replace('_', ' ')),
        h('dt', {}, 'Authentication'), h('dd', {}, authText(s.auth)),
        s.custom_header ? [h('dt', {}, 'Custom header'), h('dd', {}, h('code', {}, `${s.custom_header.name}: ${s.custom_header.value}`))] : null,
        h('dt', {}, 'Signed'), h('dd', {}, s.secret ? 'yes (Standard Webhooks)' + (s.github_signature ? ' and X-Hub-Signature-256' : '')
          + (s.secret_in_payload ? ', secret in the payload' : '') : 'no')),
      h('div', { class: 'row' },
        h('button', { class: 'primary', id: 'send-test', onclick: test }, 'Send a test event'),
        h('a', { class: 'button', id: 'edit-subscription', href: `#/subscriptions/${id}/edit` }, 'Edit'),
        h('button', { id: 'toggle-subscription', onclick: toggle }, s.enabled ? 'Disable' : 'Enable'),
        h('button', { id: 'rotate-secret', onclick: rotate }, s.secret ? 'Rotate secret' : 'Generate a secret'),
        h('button', { class: 'danger', id: 'delete-subscription', onclick: remove }, 'Delete'))),
    h('section', { class: 'panel', 'aria-labelledby': 'chart-heading' },
      h('h3', { id: 'chart-heading', style: 'margin-top:0' }, 'Deliveries per hour, last 24 hours'), chart),
    history.section);
}

/**
 * The URL's host when it is a private, loopback or link-local address (or a name only a local network resolves),
 * which the outbound guard refuses unless allowlisted; null otherwise (and for what is not a URL yet).
 */
export function privateHost(raw) {
  let host;
  try { host = new URL(raw.trim()).hostname.toLowerCase(); } catch { return null; }
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(bare) || !bare.includes('.') && !bare.includes(':')) return host;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(bare);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
      || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) ? host : null;
  }
  return bare === '::1' || bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || bare.startsWith('::ffff:') ? host : null;
}

/**
 * Waits (up to about five seconds) until the worker has made a new attempt at a delivery sent again, so the row
 * shows its outcome instead of "pending"; after that the row shows whatever state it is in.
 */
async function settled(d) {
  for (let i = 0; i < 20; i++) {
    const now = await api('GET', `/api/webhooks/deliveries/${d.id}`);
    if (now.attempt_count > d.attempt_count || (now.status !== 'pending' && now.status !== d.status)) return;
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * The deliveries of one subscription, filtered on the server by status and creation time, with range replay.
 * {@code refresh} redraws what summarises them (the chart) and answers the dead-letter count. Answers the section
 * and its {@code reload} (a test event sent from the page is a row of its own).
 */
async function deliveries(id, refresh) {
  const result = h('div', { id: 'replay-result' });
  const table = h('div', { id: 'delivery-list' });
  const statuses = [['', 'All'], ['pending', 'Pending'], ['succeeded', 'Succeeded'], ['dead', 'Dead letters']];
  const buttons = statuses.map(([v, t]) => h('button', { type: 'button', 'data-filter': v || 'all' }, t));
  const period = select([['all', 'All time'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'],
    ['custom', 'Custom range…']], 'all');
  const from = h('input', { type: 'datetime-local', step: 1 });
  const to = h('input', { type: 'datetime-local', step: 1 });
  const custom = h('div', { class: 'row' }, field('delivery-from', 'From', from), field('delivery-to', 'To', to));
  const replay = h('button', { type: 'button', id: 'replay-range' });
  let status = '';
  const range = () => {
    const spans = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
    if (spans[period.value]) return { since: Date.now() - spans[period.value], until: null };
    if (period.value !== 'custom') return { since: null, until: null };
    const at = (input) => input.value ? new Date(input.value).getTime() : null;
    return { since: at(from), until: at(to) };
  };
  const list = async () => {
    custom.hidden = period.value !== 'custom';
    buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.filter === (status || 'all'))));
    const { since, until } = range();
    const q = new URLSearchParams({ subscription: id, limit: 100 });
    if (status) q.set('status', status);
    if (since !== null) q.set('since', since);
    if (until !== null) q.set('until', until);
    const { deliveries: shown } = await api('GET', '/api/webhooks/deliveries?' + q);
    // Nothing to redeliver in the range: no button that would redeliver nothing.
    replay.hidden = !['dead', 'succeeded'].includes(status) || !shown.length;
    replay.textContent = status === 'dead' ? 'Redeliver every dead letter in this range' : 'Redeliver every succeeded delivery in this range';
    const redeliver = (d) => async (ev) => {
      // Sent once: the button stays off while the worker picks the delivery up, and the row follows it (no Reload).
      const btn = ev.currentTarget;
      btn.disabled = true;
      try {
        await api('POST', `/api/webhooks/deliveries/${d.id}/redeliver`);
        btn.textContent = 'Sending…';
        await settled(d);
        await reload();
      } catch (e) { btn.disabled = false; result.replaceChildren(notice('error', errorText(e))); }
    };
    table.replaceChildren();
    add(table, shown.length ? h('table', { id: 'deliveries' },
      h('thead', {}, h('tr', {}, ['Created', 'Event', 'State', 'Attempts', 'Last answer', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shown.map(d => h('tr', { 'data-delivery': d.id, 'data-status': d.status },
        h('td', {}, h('a', { href: `#/subscriptions/${id}/${d.id}` }, time(d.created_at))),
        h('td', {}, h('code', {}, d.event_type), d.test ? [' ', h('span', { class: 'badge', title: 'sent with "Send a test event"' }, 'test')] : null),
        h('td', {}, badge(d.status), d.status === 'pending' && d.next_attempt_at ? h('div', { class: 'muted small' }, 'next ' + time(d.next_attempt_at)) : null),
        h('td', {}, d.attempt_count),
        h('td', { class: 'muted' }, d.last_status ? String(d.last_status) : '', d.last_error ? ' ' + d.last_error : ''),
        h('td', {}, h('button', { class: 'redeliver', onclick: redeliver(d) }, d.status === 'pending' ? 'Send now' : 'Redeliver'))))))
      : h('p', { class: 'muted' }, 'No deliveries' + (status ? ` with state ${status}` : '') + (period.value === 'all' ? '' : ' in this range') + '.'),
    shown.length === 100 ? h('p', { class: 'muted small' }, 'Showing the newest 100; narrow the range to see older ones.') : null);
  };
  const load = action(list, result);
  const reload = async () => {
    const [dead] = await Promise.all([refresh(), list()]);
    buttons[3].textContent = `Dead letters (${dead})`;
  };
  replay.addEventListener('click', action(async () => {
    const { since, until } = range();
    const q = new URLSearchParams({ status, since: since ?? 0 });
    if (until !== null) q.set('until', until);
    const r = await api('POST', `/api/webhooks/subscriptions/${id}/replay?` + q);
    result.replaceChildren(notice('ok', `${r.replayed} ${status === 'dead' ? 'dead' : 'succeeded'} `
      + `${r.replayed === 1 ? 'delivery is' : 'deliveries are'} due again; reload to follow them.`));
    await reload();
  }, result));
  buttons.forEach(b => b.addEventListener('click', () => { status = b.dataset.filter === 'all' ? '' : b.dataset.filter; load(); }));
  period.addEventListener('change', load);
  from.addEventListener('change', load);
  to.addEventListener('change', load);
  await reload();
  const section = h('section', { 'aria-labelledby': 'deliveries-heading' },
    h('div', { class: 'row' }, h('h3', { class: 'grow', id: 'deliveries-heading' }, 'Deliveries'),
      h('button', { id: 'reload-deliveries', onclick: action(reload, result) }, 'Reload')),
    h('div', { class: 'row filters' }, h('div', { class: 'row', role: 'group', 'aria-label': 'Status' }, buttons),
      h('label', { for: 'delivery-period', class: 'inline' }, 'Created'), Object.assign(period, { id: 'delivery-period' }), replay),
    custom, result, table);
  return { section, reload };
}

/** A stacked bar per hour (succeeded, pending, dead) with failed attempts as a line; the numbers also as a table. */
function deliveryChart(stats) {
  const [W, H, top, bottom, left] = [960, 180, 12, 24, 34];
  const b = stats.buckets;
  const total = (x) => x.succeeded + x.pending + x.dead;
  const max = Math.max(1, ...b.map(x => Math.max(total(x), x.failed_attempts)));
  const step = (W - left - 4) / b.length;
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const hour = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const sum = (k) => b.reduce((n, x) => n + x[k], 0);
  const summary = `${sum('succeeded')} succeeded, ${sum('pending')} pending and ${sum('dead')} dead deliveries; `
    + `${sum('failed_attempts')} failed attempts in the last ${stats.hours} hours.`;
  const layers = [['succeeded', 'ok'], ['pending', 'warn'], ['dead', 'bad']];
  const bars = b.map((x, i) => {
    let base = 0;
    return layers.filter(([k]) => x[k]).map(([k, cls]) => {
      const rect = svg('rect', { class: 'bar-' + cls, x: left + i * step + 1, width: Math.max(1, step - 2),
        y: y(base + x[k]), height: y(base) - y(base + x[k]) }, svg('title', {}, `${hour(x.start)}: ${x[k]} ${k}`));
      base += x[k];
      return rect;
    });
  });
  const points = b.map((x, i) => `${left + (i + 0.5) * step},${y(x.failed_attempts)}`).join(' ');
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', id: 'delivery-chart',
    'aria-labelledby': 'delivery-chart-title delivery-chart-desc' },
  svg('title', { id: 'delivery-chart-title' }, `Deliveries and failed attempts per hour, last ${stats.hours} hours`),
  svg('desc', { id: 'delivery-chart-desc' }, summary),
  [...new Set([max, Math.round(max / 2), 0])].map(v => [svg('line', { class: 'grid', x1: left, x2: W, y1: y(v), y2: y(v) }),
    svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v)]),
  bars,
  sum('failed_attempts') ? [svg('polyline', { class: 'failed', points }),
    b.map((x, i) => x.failed_attempts ? svg('circle', { class: 'failed', cx: left + (i + 0.5) * step, cy: y(x.failed_attempts), r: 3 },
      svg('title', {}, `${hour(x.start)}: ${x.failed_attempts} failed attempts`)) : null)] : null,
  b.map((x, i) => i % 6 === 0 ? svg('text', { x: left + i * step, y: H - 6 }, hour(x.start)) : null));
  const legend = h('div', { class: 'row legend muted small', 'aria-hidden': 'true' },
    layers.map(([k, cls]) => h('span', {}, h('i', { class: 'swatch bar-' + cls }), k)),
    h('span', {}, h('i', { class: 'swatch line' }), 'failed attempts'));
  const table = h('table', { class: 'sr-only', id: 'delivery-chart-table' },
    h('caption', {}, summary),
    h('thead', {}, h('tr', {}, ['Hour', 'Succeeded', 'Pending', 'Dead', 'Failed attempts'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, b.filter(x => total(x) || x.failed_attempts).map(x => h('tr', {}, h('th', { scope: 'row' }, time(x.start)),
      h('td', {}, x.succeeded), h('td', {}, x.pending), h('td', {}, x.dead), h('td', {}, x.failed_attempts)))));
  return [chart, legend, table];
}

async function delivery(main, subscriptionId, id) {
  const out = h('div');
  const d = await pluginApi('/api/webhooks/deliveries/' + id);
  main.append(h('p', {}, h('a', { href: '#/subscriptions/' + subscriptionId }, '← Deliveries')),
    h('div', { class: 'row' }, h('h2', { class: 'grow' }, h('code', {}, d.event_type), ' ', d.webhook_id),
      d.test ? h('span', { class: 'badge', id: 'delivery-test', title: 'sent with "Send a test event"' }, 'test') : null, badge(d.status),
      h('button', { id: 'redeliver', onclick: action(async () => {
        await api('POST', `/api/webhooks/deliveries/${id}/redeliver`); await render(); }, out) }, d.status === 'pending' ? 'Send now' : 'Redeliver')),
    out,
    h('h3', {}, 'Payload'), h('pre', { id: 'payload' }, typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload, null, 2)),
    h('h3', {}, `Attempts (${d.attempts.length})`),
    ...(d.attempts.length ? d.attempts.map((a, n) => h('section', { class: 'panel attempt' },
      h('div', { class: 'row' }, h('strong', { class: 'grow' }, `#${n + 1} · ${time(a.started_at)} · ${a.duration_ms} ms`),
        badge(a.succeeded ? 'succeeded' : 'failed')),
      a.error ? notice('error', a.error) : null,
      h('div', { class: 'split' },
        h('div', {}, h('h4', {}, 'Request'), h('pre', {}, `${a.request.method} ${a.request.url}\n${headersPre(a.request.headers)}`)),
        h('div', {}, h('h4', {}, a.response ? `Response ${a.response.status}` : 'No response'),
          a.response ? [h('pre', {}, headersPre(a.response.headers)), bodyPre(a.response.body, a.response.truncated)] : null))))
      : [h('p', { class: 'muted' }, 'Not attempted yet.')]));
}
