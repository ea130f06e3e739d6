// Draws an attack path left to right: repository → secret → resource, with the internet above
// whatever it reaches.
import { h, svg as s } from '../dom.js';

const COLUMNS = { repository: 0, secret: 1, cloudResource: 2 };
const COLORS = { repository: '#1f4fd1', secret: '#b42318', cloudResource: '#067647', internet: '#475467' };
const WIDTH = 880;
const BOX = { width: 190, height: 56 };

function position(node) {
  if (node.family === 'internet') return { x: WIDTH / 2 - BOX.width / 2, y: 10 };
  return { x: 10 + COLUMNS[node.family] * ((WIDTH - BOX.width - 20) / 2), y: 130 };
}

function shorten(text, length = 26) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function pathGraph(nodes, edges) {
  const positions = new Map(nodes.map(node => [node.id, position(node)]));
  const center = id => {
    const at = positions.get(id);
    return { x: at.x + BOX.width / 2, y: at.y + BOX.height / 2 };
  };
  const description = edges.map(edge => {
    const from = nodes.find(node => node.id === edge.source);
    const to = nodes.find(node => node.id === edge.target);
    return `${from?.label} ${edge.kind} ${to?.label}`;
  }).join('; ');
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} 200`, class: 'graph', role: 'img', 'aria-label': `Attack path: ${description}` },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#667085' }))));
  for (const edge of edges) {
    const from = center(edge.source);
    const to = center(edge.target);
    const horizontal = Math.abs(to.y - from.y) < 1;
    const end = horizontal ? { x: to.x - BOX.width / 2, y: to.y } : { x: to.x, y: to.y + BOX.height / 2 };
    const start = horizontal ? { x: from.x + BOX.width / 2, y: from.y } : { x: from.x, y: from.y - BOX.height / 2 };
    svg.append(s('line', { x1: start.x, y1: start.y, x2: end.x, y2: end.y, stroke: '#667085', 'stroke-width': 1.5, 'marker-end': 'url(#arrow)' }),
      s('text', { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#475467' }, edge.kind));
  }
  for (const node of nodes) {
    const at = positions.get(node.id);
    svg.append(s('g', { class: `node node-${node.family}` },
      s('rect', { x: at.x, y: at.y, width: BOX.width, height: BOX.height, rx: 8, fill: '#fff', stroke: COLORS[node.family] ?? '#475467', 'stroke-width': 2 }),
      s('text', { x: at.x + 10, y: at.y + 22, 'font-size': 13, 'font-weight': 600 }, shorten(node.label ?? node.id)),
      s('text', { x: at.x + 10, y: at.y + 41, 'font-size': 11, fill: '#5b6475' }, shorten(`${node.family} · ${node.type}`, 32))));
  }
  return h('figure', { class: 'card' }, svg,
    h('figcaption', { class: 'muted' }, description));
}
