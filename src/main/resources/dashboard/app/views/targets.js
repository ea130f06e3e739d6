import { api } from '../api.js';
import { h, badge, filterForm, table } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';
import { riskCell } from '../risk.js';

/** The resources open attack paths reach, worst first: the attack-path list grouped by target. */
export async function targetsView({ params, navigate }) {
  const page = await api(`/api/v1/targets${pageQuery(params, 100)}`);
  return [
    h('h1', {}, 'Targets'),
    h('p', { class: 'muted' }, 'Attack paths grouped by the resource they reach. ',
      h('a', { href: '#/attack-paths?sort=risk' }, 'Every path, ranked')),
    filterForm([
      ['exposed', 'Internet-exposed', ['true', 'false']],
      ['sensitive', 'Sensitive data', ['true', 'false']],
    ], params, chosen => navigate('/targets', chosen)),
    table([
      ['Risk', target => riskCell(target.riskLevel, target.riskScore, target.riskFactors)],
      ['Target', target => h('a', { href: `#/attack-paths?sort=risk&target=${encodeURIComponent(target.key)}`, class: 'target-link' }, targetLabel(target))],
      ['Category', target => target.category.replaceAll('_', ' ')],
      ['Facts', target => [
        target.inInventory ? null : badge('not in inventory', 'muted'),
        target.internetExposed ? badge('internet-exposed', 'risk-high') : null,
        target.sensitiveData ? badge('sensitive data', 'risk-high') : null]],
      ['Secrets', target => target.secrets],
      ['Repositories', target => target.repositories],
      ['Paths', target => target.paths],
    ], page.items, null, emptyText(params, SETUP.attackPaths, 'targets')),
    pager('/targets', params, page.nextCursor, 'targets'),
  ];
}

/** The target's name, with its full resource type on hover. */
export function targetLabel(target) {
  return h('span', { title: target.resourceType ?? '' }, target.name ?? target.key);
}
