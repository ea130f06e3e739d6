import { api, query } from '../api.js';
import { h, badge, filterForm, table, when } from '../dom.js';

export async function inventoryView({ params, navigate }) {
  const page = await api(`/api/v1/assets${query({ ...params, limit: 200 })}`);
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
    ], page.items, page.nextCursor ? 'First 200 assets' : `${page.items.length} assets`),
  ];
}
