import { api } from '../api.js';
import { h, riskBadge, table } from '../dom.js';
import { SETUP } from '../setup.js';
import { barChart, timelineChart } from '../charts.js';

export async function overviewView() {
  const [summary, recommendations, ...byRisk] = await Promise.all([
    api('/api/v1/alerts/summary?days=30'),
    api('/api/v1/recommendations?status=unhealthy&limit=5'),
    ...['critical', 'high', 'medium', 'low'].map(risk => api(`/api/v1/attack-paths?risk=${risk}&limit=5`)),
  ]);
  const riskiest = byRisk.flatMap(page => page.items).slice(0, 5);
  const open = Object.values(summary.openByProvider).reduce((sum, count) => sum + count, 0);
  return [
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Open alerts'), h('p', { class: 'big', id: 'open-alerts' }, open)),
      barChart('Open alerts by provider', summary.openByProvider),
      barChart('Open alerts by validity', summary.openByValidity),
      barChart('Alerts by state', summary.byState)),
    h('div', { class: 'grid' }, barChart('Open alerts by secret type', summary.openBySecretType)),
    timelineChart(summary.days),
    h('h2', {}, 'Riskiest attack paths'),
    table([
      ['Risk', path => riskBadge(path.riskLevel)],
      ['Path', path => h('a', { href: `#/attack-paths/${path.id}`, class: 'attack-path-link' }, path.rule.name)],
      ['Repository', path => path.repository.fullName],
      ['Target', path => path.target?.name ?? '—'],
    ], riskiest, null, SETUP.attackPaths),
    h('h2', {}, 'Top-risk recommendations'),
    table([
      ['Score', item => item.riskScore],
      ['Repository', item => h('a', { href: `#/alerts?repository=${encodeURIComponent(item.repository.fullName)}` }, item.repository.fullName)],
      ['Recommendation', item => item.title],
      ['Open findings', item => item.openFindings],
    ], recommendations.items, null, 'No repository has an open finding.'),
  ];
}
