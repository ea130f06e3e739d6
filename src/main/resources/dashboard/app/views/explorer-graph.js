// Draws an explorer result: one column per node family (repositories, secrets, resources), each node a
// link, the edges as arrows. Large results are cut to the first matches and what they connect to.
import { h } from '../dom.js';
import { BOX, arrow, canvas, drawnEdges, nodeBox } from '../graph-draw.js';

const ORDER = ['internet', 'repository', 'secret', 'identity', 'cloudResource'];
const GAP = { across: 110, down: 18 };
const PAD = 12;
const MAX_ITEMS = 8;
const MAX_PER_COLUMN = 16;
/** Above this many arrows their captions would cover one another: the legend says what they mean. */
const MAX_CAPTIONED = 8;

/** @param href a node → its dashboard link, or null */
export function explorerGraph(result, names, href) {
  const items = result.items.slice(0, MAX_ITEMS);
  const byId = new Map([...result.items, ...result.nodes].map(node => [node.id, node]));
  const edges = drawnEdges(result.edges);
  const shown = reachable(items, edges, byId);
  const columns = ORDER.map(family => shown.filter(node => node.family === family).slice(0, MAX_PER_COLUMN))
    .filter(column => column.length > 0);
  const positions = new Map();
  columns.forEach((column, x) => column.forEach((node, y) => positions.set(node.id,
    { x: PAD + x * (BOX.width + GAP.across), y: PAD + y * (BOX.height + GAP.down) })));
  const width = PAD * 2 + columns.length * BOX.width + (columns.length - 1) * GAP.across;
  const height = PAD * 2 + Math.max(...columns.map(column => column.length)) * (BOX.height + GAP.down) - GAP.down;
  const drawn = edges.filter(edge => positions.has(edge.source) && positions.has(edge.target));
  const svg = canvas(width, height, `Explorer graph: ${positions.size} nodes, ${drawn.length} connections`);
  const captioned = drawn.length <= MAX_CAPTIONED;
  for (const edge of drawn) svg.append(arrow(edge, positions.get(edge.source), positions.get(edge.target), null, captioned));
  for (const [id, at] of positions) svg.append(nodeBox(byId.get(id), at, names, href(byId.get(id))));
  const cut = result.items.length > items.length || shown.length > positions.size;
  const notes = [captioned ? null : 'Arrows: a repository contains a secret, a secret authenticates to a resource.',
    cut ? `The graph shows the first ${items.length} matches and up to ${MAX_PER_COLUMN} nodes of each kind; the table `
      + 'lists them all.' : null].filter(Boolean);
  return h('figure', { class: 'card graph-box', id: 'explorer-graph' }, svg,
    notes.length ? h('figcaption', { class: 'muted' }, notes.join(' ')) : null);
}

/** The items and every node their edges lead to, in the order found. */
function reachable(items, edges, byId) {
  const seen = new Map(items.map(node => [node.id, node]));
  const queue = [...items];
  while (queue.length) {
    const node = queue.shift();
    for (const edge of edges) {
      const other = edge.source === node.id ? edge.target : edge.target === node.id ? edge.source : null;
      if (other && !seen.has(other) && byId.has(other)) {
        seen.set(other, byId.get(other));
        queue.push(byId.get(other));
      }
    }
  }
  return [...seen.values()];
}
