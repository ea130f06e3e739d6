import { api } from '../api.js';
import { h, external, facts, filterForm, table, when } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';
import { nodeHref, withRepositoryNames } from '../node-links.js';
import { factorList, riskCell } from '../risk.js';
import { pathGraph } from './path-graph.js';

/** Ranked by risk unless the address asks for newest first; ?target= keeps the paths to one resource. */
export async function attackPathsView({ params, navigate }) {
  const page = await api(`/api/v1/attack-paths${pageQuery({ sort: 'risk', ...params }, 100)}`);
  return [
    h('h1', {}, 'Attack paths'),
    filterForm([
      ['status', 'Status', ['open', 'resolved', 'all']],
      ['risk', 'Risk', ['critical', 'high', 'medium', 'low']],
      ['provider', 'Provider', ['github', 'azure_devops']],
      ['repository', 'Repository'],
      ['sort', 'Order', ['risk', 'newest']],
    ], params, chosen => navigate('/attack-paths', chosen)),
    params.target ? h('p', { class: 'muted' }, `Paths to ${params.target}. `, h('a', { href: '#/targets' }, 'All targets')) : null,
    table([
      ['Risk', path => riskCell(path.riskLevel, path.riskScore, path.riskFactors)],
      ['Path', path => h('a', { href: `#/attack-paths/${path.id}`, class: 'attack-path-link' }, path.rule.name)],
      ['Secret', path => h('span', { class: 'secret-type' }, path.secret.secretType)],
      ['Repository', path => h('a', { href: `#/alerts?repository=${encodeURIComponent(path.repository.fullName)}` }, path.repository.fullName)],
      ['Target', path => path.target
        ? h('a', { href: `#/attack-paths?sort=risk&target=${encodeURIComponent(path.target.key)}`, title: path.target.resourceType },
          `${path.target.name}${path.target.inInventory ? '' : ' (not in inventory)'}`)
        : '—'],
      ['Status', path => path.status],
      ['First seen', path => when(path.firstSeenAt)],
    ], page.items, null, emptyText(params, SETUP.attackPaths, 'attack paths')),
    pager('/attack-paths', params, page.nextCursor, 'attack paths'),
  ];
}

export async function attackPathView({ match }) {
  const detail = await api(`/api/v1/attack-paths/${match[1]}`);
  const { path } = detail;
  const names = await secretTypeName(detail);
  const edges = withRepositoryNames(detail.edges, detail.nodes);
  return [
    h('h1', {}, path.rule.name),
    h('p', {}, riskCell(path.riskLevel, path.riskScore, path.riskFactors), ` · ${path.status} · first seen ${when(path.firstSeenAt)}`),
    pathGraph(detail.nodes, detail.edges, names, node => nodeHref(node, edges)),
    h('div', { class: 'grid' },
      h('section', { class: 'card', id: 'risk-factors' }, h('h2', {}, `Why ${path.riskScore}`), factorList(path.riskFactors)),
      h('section', { class: 'card' }, h('h2', {}, 'Remediation'),
        h('ol', {}, (detail.remediation ?? []).map(step => h('li', {}, step))))),
    h('h2', {}, 'Evidence'),
    table([
      ['Alert', evidence => h('a', { href: `#/alerts/${evidence.alertId}`, class: 'evidence-link' }, `#${evidence.providerAlertId}`)],
      ['State', evidence => evidence.state],
      ['Files', evidence => evidence.locations.length
        ? h('ul', {}, evidence.locations.map(location => h('li', {}, external(location.fileUrl, `${location.path}:${location.startLine ?? ''}`))))
        : '—'],
      ['Provider alert', evidence => external(evidence.alertUrl, 'open')],
    ], detail.evidence ?? []),
    facts([['Repository', external(path.repository.url, path.repository.fullName)]]),
  ];
}

/** The secret's type as the alerts name it (the first evidence alert's display name), for the graph's title. */
async function secretTypeName(detail) {
  const first = detail.evidence?.[0];
  if (!first) return new Map();
  const alert = await api(`/api/v1/alerts/${first.alertId}`).catch(() => null);
  return new Map(alert?.secretTypeDisplayName ? [[detail.path.secret.secretType, alert.secretTypeDisplayName]] : []);
}
