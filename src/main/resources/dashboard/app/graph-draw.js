// Draws graph nodes as captioned boxes and edges as arrows between them, in SVG. Layouts (an attack path's
// chain, the explorer's columns) place the boxes; this draws them.
import { svg as s } from './dom.js';
import { caption } from './graph-captions.js';

export const BOX = { width: 210, height: 70 };

const COLORS = { repository: '#1f4fd1', secret: '#b42318', identity: '#7a2e98', cloudResource: '#067647',
  internet: '#475467' };

/** What an edge is called when drawn; exposedToInternet is drawn from the internet, which reaches the node. */
const EDGE_LABELS = { contains: 'contains', canAuthenticateTo: 'authenticates to', authenticatesAs: 'authenticates as',
  canAccess: 'can access', exposedToInternet: 'reaches' };

/** The edges as drawn: an exposure reads Internet → node, whichever way the API states it. */
export function drawnEdges(edges) {
  return edges.map(edge => edge.kind === 'exposedToInternet' && edge.target === 'internet'
    ? { ...edge, source: 'internet', target: edge.source } : edge);
}

export function edgeLabel(kind) {
  return EDGE_LABELS[kind] ?? kind;
}

/** Where the line from a box's centre towards {@code toward} leaves the box. */
function border(at, toward) {
  const center = { x: at.x + BOX.width / 2, y: at.y + BOX.height / 2 };
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  const t = Math.min(dx ? (BOX.width / 2) / Math.abs(dx) : Infinity, dy ? (BOX.height / 2) / Math.abs(dy) : Infinity);
  return { x: center.x + dx * t, y: center.y + dy * t };
}

function centre(at) {
  return { x: at.x + BOX.width / 2, y: at.y + BOX.height / 2 };
}

/**
 * An arrow from box {@code from} to box {@code to}; with {@code bend} ({dx, dy}) a curve whose middle is moved
 * that far, to go round the boxes between; captioned with the edge's kind unless {@code labelled} is false.
 */
export function arrow(edge, from, to, bend, labelled = true) {
  const attributes = { class: 'edge', 'data-from': edge.source, 'data-to': edge.target, 'data-kind': edge.kind,
    stroke: '#667085', 'stroke-width': 1.5, fill: 'none', 'marker-end': 'url(#arrow)' };
  let line;
  let middle;
  if (bend) {
    const control = { x: (centre(from).x + centre(to).x) / 2 + bend.dx, y: (centre(from).y + centre(to).y) / 2 + bend.dy };
    const start = border(from, control);
    const end = border(to, control);
    line = s('path', { ...attributes, d: `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}` });
    middle = { x: (start.x + 2 * control.x + end.x) / 4, y: (start.y + 2 * control.y + end.y) / 4 };
  } else {
    const start = border(from, centre(to));
    const end = border(to, centre(from));
    line = s('line', { ...attributes, x1: start.x, y1: start.y, x2: end.x, y2: end.y });
    middle = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  }
  const vertical = !bend && Math.abs(centre(from).x - centre(to).x) < 1;
  const label = s('text', {
    x: vertical ? middle.x + 8 : middle.x, y: vertical ? middle.y + 4 : middle.y - 6,
    'text-anchor': vertical ? 'start' : 'middle', 'font-size': 11, fill: '#475467', class: 'edge-label',
  }, edgeLabel(edge.kind));
  return labelled ? s('g', {}, line, label) : line;
}

/** A node's box: its title (one or two lines), subtitle, the full caption on hover, a link when given. */
export function nodeBox(node, at, names, href) {
  const { title, subtitle, details } = caption(node, names);
  const lines = title.map((line, index) => s('text', {
    x: at.x + 10, y: at.y + 20 + index * 16, 'font-size': 13, 'font-weight': 600, class: 'node-title',
  }, line));
  const box = s('g', { class: `node node-${node.family}`, 'data-id': node.id },
    s('title', {}, details),
    s('rect', { x: at.x, y: at.y, width: BOX.width, height: BOX.height, rx: 8, fill: '#fff',
      stroke: COLORS[node.family] ?? '#475467', 'stroke-width': 2 }),
    ...lines,
    s('text', { x: at.x + 10, y: at.y + 24 + title.length * 16, 'font-size': 11, fill: '#5b6475', class: 'node-subtitle' },
      subtitle));
  return href ? s('a', { href }, box) : box;
}

/** An SVG of the given natural size, with the arrow head the edges use. */
export function canvas(width, height, label) {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'graph', role: 'img', 'aria-label': label },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8,
      orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#667085' }))));
}
