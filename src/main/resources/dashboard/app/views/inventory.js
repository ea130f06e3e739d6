import { api } from '../api.js';
import { h, badge, filterForm, table, when } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';

export async function inventoryView({ params, navigate }) {
  const page = await api(`/api/v1/assets${pageQuery(params, 100)}`);
  return [
    h('h1', {}, 'Inventory'),
    filterForm([
      ['cloud', 'Cloud', ['azure', 'aws', 'gcp']],
      ['resourceType', 'Resource type'],
    ], params, chosen => navigate('/inventory', chosen)),
    table([
      ['Name', asset => asset.name],
      ['Type', asset => asset.resourceType],
      ['Cloud', asset => asset.cloud],
      ['Region', asset => asset.region ?? '—'],
      ['Internet-exposed', asset => asset.internetExposed ? badge('exposed', 'unhealthy') : 'no'],
      ['Sensitive data', asset => asset.sensitiveData ? 'yes' : 'no'],
      ['Exposed secrets reaching it', asset => asset.exposedSecrets],
      ['Owner', asset => asset.owner ?? '—'],
      ['Source', asset => asset.source],
      ['Updated', asset => when(asset.updatedAt)],
    ], page.items, null, emptyText(params, SETUP.inventory, 'assets')),
    pager('/inventory', params, page.nextCursor, 'assets'),
  ];
}
