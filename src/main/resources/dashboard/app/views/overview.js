import { api } from '../api.js';
import { h, table } from '../dom.js';
import { SETUP } from '../setup.js';
import { barChart, timelineChart } from '../charts.js';
import { riskCell } from '../risk.js';
import { targetLabel } from './targets.js';

/** Headline figures first, then what to fix first: the riskiest paths and the most reached targets. */
export async function overviewView() {
  const [headline, summary, recommendations, riskiest, targets] = await Promise.all([
    api('/api/v1/headline'),
    api('/api/v1/alerts/summary?days=30'),
    api('/api/v1/recommendations?status=unhealthy&limit=5'),
    api('/api/v1/attack-paths?sort=risk&limit=5'),
    api('/api/v1/targets?limit=5'),
  ]);
  const open = Object.values(summary.openByProvider).reduce((sum, count) => sum + count, 0);
  return [
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid headline' },
      figure('Critical attack paths', headline.criticalPaths, '#/attack-paths?risk=critical&sort=risk', 'critical-paths'),
      figure('High attack paths', headline.highPaths, '#/attack-paths?risk=high&sort=risk', 'high-paths'),
      figure('Valid exposed secrets', headline.validExposedSecrets, '#/alerts?state=open&validity=active&sort=risk', 'valid-secrets'),
      figure('Public repositories with paths', headline.publicRepositoriesWithPaths, '#/repositories?sort=risk', 'public-repositories'),
      figure('Reachable targets', headline.reachableTargets, '#/targets', 'reachable-targets')),
    h('h2', {}, 'Riskiest attack paths'),
    table([
      ['Risk', path => riskCell(path.riskLevel, path.riskScore, path.riskFactors)],
      ['Path', path => h('a', { href: `#/attack-paths/${path.id}`, class: 'attack-path-link' }, path.rule.name)],
      ['Secret', path => path.secret.secretType],
      ['Repository', path => path.repository.fullName],
      ['Target', path => path.target?.name ?? '—'],
    ], riskiest.items, null, SETUP.attackPaths),
    h('h2', {}, 'Top targets'),
    table([
      ['Risk', target => riskCell(target.riskLevel, target.riskScore, target.riskFactors)],
      ['Target', target => h('a', { href: `#/attack-paths?sort=risk&target=${encodeURIComponent(target.key)}`, class: 'target-link' }, targetLabel(target))],
      ['Reached by', target => `${target.secrets} secrets · ${target.repositories} repositories · ${target.paths} paths`],
    ], targets.items, null, SETUP.attackPaths),
    h('h2', {}, 'Top-risk recommendations'),
    table([
      ['Risk', item => riskCell(item.severity, item.riskScore, item.factors)],
      ['Repository', item => h('a', { href: `#/alerts?repository=${encodeURIComponent(item.repository.fullName)}&sort=risk` }, item.repository.fullName)],
      ['Recommendation', item => item.title],
      ['Open findings', item => item.openFindings],
    ], recommendations.items, null, 'No repository has an open finding.'),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Open alerts'), h('p', { class: 'big', id: 'open-alerts' }, open)),
      barChart('Open alerts by provider', summary.openByProvider),
      barChart('Open alerts by validity', summary.openByValidity),
      barChart('Alerts by state', summary.byState)),
    h('div', { class: 'grid' }, barChart('Open alerts by secret type', summary.openBySecretType)),
    timelineChart(summary.days),
  ];
}

function figure(title, value, href, id) {
  return h('a', { class: 'card figure', href, id }, h('h2', {}, title), h('p', { class: 'big' }, value));
}
