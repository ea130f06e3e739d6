import { api, query } from '../api.js';
import { h, external, facts, filterForm, riskBadge, table, when } from '../dom.js';
import { pathGraph } from './path-graph.js';

export async function attackPathsView({ params, navigate }) {
  const page = await api(`/api/v1/attack-paths${query({ ...params, limit: 100 })}`);
  return [
    h('h1', {}, 'Attack paths'),
    filterForm([
      ['status', 'Status', ['open', 'resolved', 'all']],
      ['risk', 'Risk', ['critical', 'high', 'medium', 'low']],
      ['provider', 'Provider', ['github', 'azure_devops']],
      ['repository', 'Repository'],
    ], params, chosen => navigate('/attack-paths', chosen)),
    table([
      ['Risk', path => riskBadge(path.riskLevel)],
      ['Score', path => path.riskScore],
      ['Path', path => h('a', { href: `#/attack-paths/${path.id}`, class: 'attack-path-link' }, path.rule.name)],
      ['Repository', path => path.repository.fullName],
      ['Target', path => path.target ? `${path.target.name}${path.target.inInventory ? '' : ' (not in inventory)'}` : '—'],
      ['Status', path => path.status],
      ['First seen', path => when(path.firstSeenAt)],
    ], page.items),
  ];
}

export async function attackPathView({ match }) {
  const detail = await api(`/api/v1/attack-paths/${match[1]}`);
  const { path } = detail;
  return [
    h('h1', {}, path.rule.name),
    h('p', {}, riskBadge(path.riskLevel), ` score ${path.riskScore} · ${path.status} · first seen ${when(path.firstSeenAt)}`),
    pathGraph(detail.nodes, detail.edges),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Why this risk'),
        h('ul', {}, (detail.riskFactors ?? []).map(factor => h('li', {}, factor)))),
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
