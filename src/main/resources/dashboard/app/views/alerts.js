import { api } from '../api.js';
import { h, badge, external, facts, filterForm, table, when } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';
import { factorList, riskCell } from '../risk.js';
import { canTriage, suppressPanel, ticketPanel, triagePanel } from '../triage.js';

/** The list's filter as the triage API takes it (the same names as GET /api/v1/alerts). */
const TRIAGE_FILTER = ['provider', 'organization', 'repository', 'state', 'secretType', 'validity'];

/** Bulk triage of the list: the ticked alerts, or, with none ticked, every alert the filter matches. */
function bulkTriage(caller, params, items, selected) {
  const filter = Object.fromEntries(TRIAGE_FILTER.filter(name => params[name]).map(name => [name, params[name]]));
  const title = params.repository ? `Triage alerts of ${params.repository}` : 'Triage alerts';
  return triagePanel(caller, () => {
    const alertIds = [...selected];
    if (alertIds.length > 0) return { alertIds };
    if (Object.keys(filter).length === 0) throw new Error('Tick alerts, or filter the list first: a triage of every alert is refused.');
    return { filter };
  }, items, { id: 'bulk-triage', title });
}

/** Newest first unless the address asks for the riskiest first (?sort=risk). */
export async function alertsView({ params, navigate, caller }) {
  const page = await api(`/api/v1/alerts${pageQuery(params, 100)}`);
  const triager = page.items.some(alert => canTriage(caller, alert.organization));
  const selected = new Set();
  const tick = alert => canTriage(caller, alert.organization) ? h('input', {
    type: 'checkbox', class: 'triage-select', 'aria-label': `select #${alert.providerAlertId}`, value: alert.id,
    onchange: event => (event.target.checked ? selected.add(alert.id) : selected.delete(alert.id)),
  }) : null;
  return [
    h('h1', {}, 'Alerts'),
    filterForm([
      ['repository', 'Repository'],
      ['provider', 'Provider', ['github', 'azure_devops']],
      ['state', 'State', ['open', 'resolved']],
      ['validity', 'Validity', ['active', 'inactive', 'unknown']],
      ['secretType', 'Secret type'],
      ['sort', 'Order', ['newest', 'risk']],
    ], params, chosen => navigate('/alerts', chosen)),
    triager ? bulkTriage(caller, params, page.items, selected) : null,
    table([
      ...(triager ? [['Select', tick]] : []),
      ['Alert', alert => h('a', { href: `#/alerts/${alert.id}`, class: 'alert-link' }, `${alert.repository.fullName} #${alert.providerAlertId}`)],
      ['Risk', alert => riskCell(alert.risk.level, alert.risk.score, alert.risk.factors)],
      ['Secret type', alert => alert.secretTypeDisplayName ?? alert.secretType],
      ['State', alert => badge(alert.state, `state-${alert.state}`)],
      ['Validity', alert => alert.validity ?? '—'],
      ['Target', alert => alert.target?.name ?? '—'],
      ['Created', alert => when(alert.createdAt)],
    ], page.items, null, emptyText(params, SETUP.alerts, 'alerts')),
    pager('/alerts', params, page.nextCursor, 'alerts'),
  ];
}

export async function alertView({ match, caller }) {
  const alert = await api(`/api/v1/alerts/${match[1]}`);
  const triager = canTriage(caller, alert.organization);
  const tickets = triager ? await ticketPanel(alert) : null;
  const target = alert.target;
  return [
    h('h1', {}, `${alert.secretTypeDisplayName ?? alert.secretType} in ${alert.repository.fullName}`),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Alert'), facts([
        ['Provider', alert.provider],
        ['Repository', external(alert.repository.url, alert.repository.fullName)],
        ['Visibility', alert.repository.visibility],
        ['Owners', alert.repository.owners.length
          ? `${alert.repository.owners.join(', ')} (${alert.repository.ownerSource})` : 'unknown'],
        ['State', badge(alert.state, `state-${alert.state}`)],
        ['Resolution', alert.resolution],
        ['Validity', alert.validity],
        ['Publicly leaked', alert.publiclyLeaked === null ? null : String(alert.publiclyLeaked)],
        ['Created', when(alert.createdAt)],
        ['Provider alert', external(alert.alertUrl, `#${alert.providerAlertId}`)],
      ])),
      h('section', { class: 'card' }, h('h2', {}, 'Secret'), facts([
        ['Fingerprint', alert.secret ? h('span', { class: 'mono' }, alert.secret.fingerprint) : 'withheld by the provider'],
        ['Preview', alert.secret ? h('span', { class: 'mono' }, alert.secret.preview) : null],
      ])),
      h('section', { class: 'card', id: 'target' }, h('h2', {}, 'Target'), target ? facts([
        ['Kind', target.kind],
        ['Resource type', target.resourceType],
        ['Name', target.name],
        ['Host', target.host],
        ['In the inventory', target.exists ? badge(target.exists, `exists-${target.exists}`) : 'not a cloud resource'],
        ['Found from', target.evidence],
      ]) : h('p', { class: 'muted' }, 'Not known: the provider withheld the value, or it names nothing.'))),
    h('div', { class: 'grid' },
      h('section', { class: 'card', id: 'alert-risk' }, h('h2', {}, 'Risk'),
        h('p', {}, riskCell(alert.risk.level, alert.risk.score, alert.risk.factors)), factorList(alert.risk.factors)),
      h('section', { class: 'card' }, h('h2', {}, 'Remediation'),
        h('ol', {}, (alert.remediation ?? []).map(step => h('li', {}, step))))),
    triager ? h('div', { class: 'grid' }, triagePanel(caller, { alertId: alert.id }, [alert]), tickets) : null,
    (caller?.roles ?? []).includes('admin') ? suppressPanel(alert) : null,
    h('h2', {}, 'Attack paths'),
    table([
      ['Risk', path => riskCell(path.riskLevel, path.riskScore, path.riskFactors)],
      ['Path', path => h('a', { href: `#/attack-paths/${path.id}`, class: 'attack-path-link' }, path.rule.name)],
      ['Target', path => path.target?.name ?? '—'],
      ['Status', path => path.status],
    ], alert.attackPaths ?? [], null, 'This alert is evidence for no attack path: its secret reaches no known resource.'),
    h('h2', {}, 'Locations'),
    table([
      ['Type', location => location.type],
      ['File', location => location.path ? external(location.fileUrl, `${location.path}${location.startLine ? `:${location.startLine}` : ''}`) : '—'],
      ['Column', location => location.startColumn ?? '—'],
      ['Commit', location => location.commitSha ? external(location.commitUrl, location.commitSha.slice(0, 12)) : '—'],
    ], alert.locations),
  ];
}
