import { api, query } from '../api.js';
import { h, badge, external, filterForm, table } from '../dom.js';

/** Repositories with findings, riskiest first, with their recommendation's status and score factors. */
export async function repositoriesView({ params, navigate }) {
  const result = await api(`/api/v1/recommendations${query({ provider: params.provider, status: params.status, limit: 500 })}`);
  const text = (params.name ?? '').toLowerCase();
  const items = result.items.filter(item => item.repository.fullName.toLowerCase().includes(text));
  return [
    h('h1', {}, 'Repositories'),
    filterForm([
      ['name', 'Name contains'],
      ['provider', 'Provider', ['github', 'azure_devops']],
      ['status', 'Recommendation', ['unhealthy', 'healthy']],
    ], params, chosen => navigate('/repositories', chosen)),
    table([
      ['Score', item => item.riskScore],
      ['Repository', item => h('a', { href: `#/alerts?repository=${encodeURIComponent(item.repository.fullName)}` }, item.repository.fullName)],
      ['Provider', item => item.provider],
      ['Visibility', item => item.repository.visibility ?? '—'],
      ['Status', item => badge(item.status, item.status)],
      ['Open / total', item => `${item.openFindings} / ${item.totalFindings}`],
      ['Owners', item => item.repository.owners.length
        ? [item.repository.owners.join(', '), h('span', { class: 'muted' }, ` (${item.repository.ownerSource})`)]
        : h('span', { class: 'muted' }, 'unknown')],
      ['Why this score', item => item.factors.map(factor => `${factor.factor} +${factor.points}`).join(', ') || '—'],
      ['Provider page', item => external(item.repository.url, 'open')],
    ], items, `${items.length} repositories, riskiest first`),
  ];
}
