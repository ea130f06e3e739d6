// Where a graph node leads in the dashboard: a repository to its alerts, a secret to its alerts in the
// repository that holds it, a listed resource to its part of the inventory.
import { query } from './api.js';

/** @param edges the graph's edges, to find the repository that contains a secret */
export function nodeHref(node, edges = []) {
  if (node.family === 'repository') return `#/alerts${query({ repository: node.label })}`;
  if (node.family === 'secret') {
    const holder = edges.find(edge => edge.kind === 'contains' && edge.target === node.id);
    return `#/alerts${query({ repository: holder?.repositoryName, secretType: node.type })}`;
  }
  if (node.family === 'cloudResource' && node.properties?.inInventory !== false) {
    return `#/inventory${query({ cloud: node.properties?.cloud, resourceType: node.type })}`;
  }
  return null;
}

/** The edges with the full name of each {@code contains} edge's repository, as nodeHref needs. */
export function withRepositoryNames(edges, nodes) {
  const names = new Map(nodes.filter(node => node.family === 'repository').map(node => [node.id, node.label]));
  return edges.map(edge => (edge.kind === 'contains' ? { ...edge, repositoryName: names.get(edge.source) } : edge));
}
