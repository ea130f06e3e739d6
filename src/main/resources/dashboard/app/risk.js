// How a risk score is shown: its level, the score, and the factors it is the sum of, each with its points.
import { h, riskBadge } from './dom.js';

/** "critical 80" with the factors on hover, for a table cell. */
export function riskCell(level, score, factors) {
  return h('span', { class: 'risk', title: factorLine(factors) }, riskBadge(level), ` ${score}`);
}

/** The factors as a list: "public repository +15", "secret expired −30". */
export function factorList(factors) {
  if (!factors?.length) return h('p', { class: 'muted' }, 'No risk: nothing is open.');
  return h('ul', { class: 'factors' }, factors.map(factor => h('li', {},
    `${factor.label} `, h('span', { class: factor.points < 0 ? 'points minus' : 'points' }, points(factor.points)))));
}

function factorLine(factors) {
  return (factors ?? []).map(factor => `${factor.label} ${points(factor.points)}`).join(' · ');
}

function points(value) {
  return value < 0 ? `−${-value}` : `+${value}`;
}
