// Small SVG charts drawn by hand: no chart library to ship or trust.
import { h, svg as s } from './dom.js';

/** Horizontal bars, one per entry of {label: count}, as a list so that screen readers read the numbers. */
export function barChart(title, counts) {
  const entries = Object.entries(counts).slice(0, 8);
  const max = Math.max(1, ...entries.map(([, value]) => value));
  const rows = entries.map(([label, value]) => {
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${Math.max(1, (100 * value) / max)}%`;
    return h('li', {}, h('span', { class: 'bar-label', title: label }, label), h('span', { class: 'bar-track' }, bar),
      h('span', { class: 'bar-value' }, value));
  });
  return h('figure', { class: 'card chart' }, h('h2', {}, title),
    entries.length ? h('ul', { class: 'bars' }, rows) : h('p', { class: 'muted' }, 'None.'));
}

/** Opened and resolved alerts per day as two lines. */
export function timelineChart(days) {
  const width = 760;
  const height = 200;
  const pad = 32;
  const max = Math.max(1, ...days.flatMap(day => [day.opened, day.resolved]));
  const x = index => pad + (index * (width - 2 * pad)) / Math.max(1, days.length - 1);
  const y = value => height - pad - (value * (height - 2 * pad)) / max;
  const line = (key, color) => s('polyline', {
    fill: 'none', stroke: color, 'stroke-width': 2,
    points: days.map((day, index) => `${x(index)},${y(day[key])}`).join(' '),
  });
  const opened = days.reduce((sum, day) => sum + day.opened, 0);
  const resolved = days.reduce((sum, day) => sum + day.resolved, 0);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `New and resolved alerts over ${days.length} days: ${opened} new, ${resolved} resolved` },
  s('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#98a2b3' }),
  s('text', { x: 0, y: pad, 'font-size': 11 }, max),
  s('text', { x: pad, y: height - 8, 'font-size': 11 }, days[0]?.day ?? ''),
  s('text', { x: width - pad, y: height - 8, 'font-size': 11, 'text-anchor': 'end' }, days.at(-1)?.day ?? ''),
  line('opened', '#b42318'), line('resolved', '#067647'));
  return h('figure', { class: 'card chart' }, h('h2', {}, `New and resolved alerts, last ${days.length} days`),
    h('div', { class: 'legend' }, h('span', { style: '--swatch: #b42318' }, `new (${opened})`),
      h('span', { style: '--swatch: #067647' }, `resolved (${resolved})`)), svg);
}

/** Opened and fixed alerts per week as paired bars, with what was still open at each week's end as a line. */
export function weeksChart(weeks) {
  const width = 760;
  const height = 220;
  const pad = 32;
  const max = Math.max(1, ...weeks.flatMap(week => [week.opened, week.fixed, week.openAtEnd]));
  const slot = (width - 2 * pad) / Math.max(1, weeks.length);
  const y = value => height - pad - (value * (height - 2 * pad)) / max;
  const bars = weeks.flatMap((week, index) => [
    s('rect', { x: pad + index * slot + 2, y: y(week.opened), width: slot / 2 - 3, height: height - pad - y(week.opened), fill: '#b42318' },
      s('title', {}, `week of ${week.weekStart}: ${week.opened} opened`)),
    s('rect', { x: pad + index * slot + slot / 2, y: y(week.fixed), width: slot / 2 - 3, height: height - pad - y(week.fixed), fill: '#067647' },
      s('title', {}, `week of ${week.weekStart}: ${week.fixed} fixed`)),
  ]);
  const open = s('polyline', { fill: 'none', stroke: '#344054', 'stroke-width': 2,
    points: weeks.map((week, index) => `${pad + (index + 0.5) * slot},${y(week.openAtEnd)}`).join(' ') });
  const opened = weeks.reduce((sum, week) => sum + week.opened, 0);
  const fixed = weeks.reduce((sum, week) => sum + week.fixed, 0);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Alerts per week over ${weeks.length} weeks: ${opened} opened, ${fixed} fixed, ${weeks.at(-1)?.openAtEnd ?? 0} open now` },
  s('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#98a2b3' }),
  s('text', { x: 0, y: pad, 'font-size': 11 }, max),
  s('text', { x: pad, y: height - 8, 'font-size': 11 }, weeks[0]?.weekStart ?? ''),
  s('text', { x: width - pad, y: height - 8, 'font-size': 11, 'text-anchor': 'end' }, weeks.at(-1)?.weekStart ?? ''),
  ...bars, open);
  return h('figure', { class: 'card chart weeks-chart' }, h('h2', {}, `Opened and fixed, last ${weeks.length} weeks`),
    h('div', { class: 'legend' }, h('span', { style: '--swatch: #b42318' }, `opened (${opened})`),
      h('span', { style: '--swatch: #067647' }, `fixed (${fixed})`),
      h('span', { style: '--swatch: #344054' }, 'open at week end')), svg);
}
