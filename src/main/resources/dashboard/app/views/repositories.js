import { api } from '../api.js';
import { h, external, filterForm, table } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';
import { riskCell } from '../risk.js';

/**
 * Repositories, riskiest first (those with findings; newest first lists every one), filtered on the server
 * (name: a part of the full name, any case).
 */
export async function repositoriesView({ params, navigate }) {
  const page = await api(`/api/v1/repositories${pageQuery({ sort: 'risk', ...params }, 100)}`);
  return [
    h('h1', {}, 'Repositories'),
    filterForm([
      ['name', 'Name contains'],
      ['provider', 'Provider', ['github', 'azure_devops']],
      ['organization', 'Organisation'],
      ['sort', 'Order', ['risk', 'newest']],
    ], params, chosen => navigate('/repositories', chosen)),
    table([
      ['Repository', item => h('a', { href: `#/alerts?repository=${encodeURIComponent(item.fullName)}`, class: 'repository-link' }, item.fullName)],
      ['Risk', item => riskCell(item.risk.level, item.risk.score, item.risk.factors)],
      ['Provider', item => item.provider],
      ['Visibility', item => item.visibility ?? '—'],
      ['Open / total alerts', item => `${item.openAlerts} / ${item.totalAlerts}`],
      ['Owners', item => item.owners.length
        ? [item.owners.join(', '), h('span', { class: 'muted' }, ` (${item.ownerSource})`)]
        : h('span', { class: 'muted' }, 'unknown')],
      ['Attack paths', item => h('a', { href: `#/attack-paths?repository=${encodeURIComponent(item.fullName)}` }, 'open paths')],
      ['Provider page', item => external(item.url, 'open')],
    ], page.items, null, emptyText(params, SETUP.repositories, 'repositories')),
    pager('/repositories', params, page.nextCursor, 'repositories'),
  ];
}
