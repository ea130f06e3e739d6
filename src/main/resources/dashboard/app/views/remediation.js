import { api } from '../api.js';
import { h, filterForm, table } from '../dom.js';
import { weeksChart } from '../charts.js';

const DIMENSIONS = ['provider', 'organization', 'repository', 'secretType', 'risk'];

/** How fast alerts are fixed: time to remediate and SLA compliance by one dimension, and the weekly timeline. */
export async function remediationView({ params, navigate }) {
  const by = DIMENSIONS.includes(params.by) ? params.by : 'provider';
  const days = params.days ?? '90';
  const [report, weeks] = await Promise.all([
    api(`/api/v1/remediation?by=${by}&days=${encodeURIComponent(days)}&limit=50`),
    api('/api/v1/remediation/weeks?weeks=12'),
  ]);
  const overall = report.overall;
  return [
    h('h1', {}, 'Remediation'),
    h('p', { class: 'muted' }, `Alerts resolved in the last ${report.days} days: ${overall.resolved}; mean time to remediate `,
      hours(overall.meanHours), ', p90 ', hours(overall.p90Hours), ', within SLA ', share(overall.slaCompliance), '.'),
    filterForm([
      ['by', 'Group by', DIMENSIONS],
      ['days', 'Days', ['7', '30', '90', '365']],
    ], { by, days }, chosen => navigate('/remediation', chosen)),
    table([
      [label(by), group => group.key],
      ['Resolved', group => group.figures.resolved],
      ['Mean', group => hours(group.figures.meanHours)],
      ['p90', group => hours(group.figures.p90Hours)],
      ['Within SLA', group => share(group.figures.slaCompliance)],
    ], report.groups, report.moreGroups ? 'Slowest first; the 50 slowest shown.' : 'Slowest first.',
    'No alert was resolved in this window. Resolved alerts appear here once a sync or webhook reports them.'),
    weeksChart(weeks),
  ];
}

function label(by) {
  return { secretType: 'Secret type', risk: 'Risk while open' }[by] ?? by[0].toUpperCase() + by.slice(1);
}

/** Hours as hours under two days, else days. */
function hours(value) {
  if (value === null || value === undefined) return '–';
  return value < 48 ? `${value} h` : `${(value / 24).toFixed(1)} d`;
}

function share(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}
