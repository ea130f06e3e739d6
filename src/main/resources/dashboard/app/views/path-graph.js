// Draws an attack path as the chain an attacker follows: Internet → repository → secret → (the identity the
// secret authenticates as) → resource, left to
// right on a wide screen and top to bottom on a narrow one. An internet-exposed resource gets its own arrow
// from the Internet, round the boxes between.
import { h } from '../dom.js';
import { BOX, arrow, canvas, drawnEdges, edgeLabel, nodeBox } from '../graph-draw.js';
import { caption } from '../graph-captions.js';

const ORDER = ['internet', 'repository', 'secret', 'identity', 'cloudResource'];
const GAP = { across: 110, down: 56 };
const PAD = 12;
const ARC = 60;

/** @param names secret type id → display name */
export function pathGraph(nodes, edges, names = new Map(), links = () => null) {
  const vertical = window.matchMedia('(max-width: 700px)').matches;
  const chain = [...nodes].sort((a, b) => ORDER.indexOf(a.family) - ORDER.indexOf(b.family));
  const step = vertical ? BOX.height + GAP.down : BOX.width + GAP.across;
  const positions = new Map(chain.map((node, at) => [node.id,
    vertical ? { x: PAD, y: PAD + at * step } : { x: PAD + at * step, y: PAD + ARC }]));
  const width = vertical ? PAD * 2 + BOX.width + ARC + 30 : PAD * 2 + BOX.width + (chain.length - 1) * step;
  const height = vertical ? PAD * 2 + BOX.height + (chain.length - 1) * step : PAD * 2 + ARC + BOX.height;
  const index = new Map(chain.map((node, position) => [node.id, position]));
  const shown = drawnEdges(edges).filter(edge => positions.has(edge.source) && positions.has(edge.target))
    .sort((a, b) => index.get(a.source) - index.get(b.source) || index.get(a.target) - index.get(b.target));
  const description = shown.map(edge => `${title(nodes, edge.source, names)} ${edgeLabel(edge.kind)} `
    + `${title(nodes, edge.target, names)}`).join('; ');
  const svg = canvas(width, height, `Attack path: ${description}`);
  for (const edge of shown) {
    const apart = Math.abs(index.get(edge.source) - index.get(edge.target)) > 1;
    const bend = apart ? (vertical ? { dx: BOX.width / 2 + ARC, dy: 0 } : { dx: 0, dy: -(BOX.height / 2 + ARC) }) : null;
    svg.append(arrow(edge, positions.get(edge.source), positions.get(edge.target), bend));
  }
  for (const node of chain) svg.append(nodeBox(node, positions.get(node.id), names, links(node)));
  return h('figure', { class: 'card graph-box' }, svg, h('figcaption', { class: 'muted' }, description));
}

function title(nodes, id, names) {
  const node = nodes.find(candidate => candidate.id === id);
  return node ? caption(node, names).name : id;
}
