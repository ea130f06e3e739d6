// An explorer result: how many matched, the graph, and a table whose nodes link to their views.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { caption } from '../graph-captions.js';
import { nodeHref, withRepositoryNames } from '../node-links.js';
import { explorerGraph } from './explorer-graph.js';

let names = null;

/** Secret type id → display name, read once per page load. */
export async function secretTypeNames() {
  if (!names) {
    const types = await api('/api/v1/secret-types').catch(() => []);
    names = new Map(types.map(type => [type.id, type.name]));
  }
  return names;
}

function summary(result) {
  const count = `${result.items.length} ${result.items.length === 1 ? 'match' : 'matches'}`;
  if (result.moreMatches) return `${count} shown; more matched: raise "limit" (up to 500) or narrow the query.`;
  if (result.moreConnections) return `${count}; some have more than 10 connections, the first 10 are shown.`;
  return count;
}

export function explorerResults(result, typeNames) {
  const nodes = [...result.items, ...result.nodes];
  const byId = new Map(nodes.map(node => [node.id, node]));
  const edges = withRepositoryNames(result.edges, nodes);
  const href = node => nodeHref(node, edges);
  const link = node => {
    const target = href(node);
    const text = caption(node, typeNames).name;
    return target ? h('a', { href: target, class: 'explorer-link' }, text) : text;
  };
  const connected = item => result.edges
    .filter(edge => edge.source === item.id || edge.target === item.id)
    .map(edge => byId.get(edge.source === item.id ? edge.target : edge.source))
    .filter(Boolean);
  const paths = item => (item.family === 'repository'
    ? h('a', { href: `#/attack-paths?repository=${encodeURIComponent(item.label)}` }, 'attack paths') : null);
  return [
    h('p', { id: 'explorer-summary' }, summary(result)),
    result.items.length ? explorerGraph(result, typeNames, href) : null,
    table([
      ['Node', item => [link(item), item.family === 'secret' ? h('span', { class: 'muted mono' }, ` ${item.label}`) : null]],
      ['Family', item => item.family],
      ['Type', item => item.type],
      ['Connected', item => {
        const others = connected(item);
        return others.length ? h('ul', { class: 'plain' }, others.map(other => h('li', {}, link(other)))) : '—';
      }],
      ['Views', item => paths(item) ?? '—'],
    ], result.items, null, 'Nothing matches: loosen the conditions, or check that alerts and the inventory are in.'),
  ].filter(Boolean);
}
