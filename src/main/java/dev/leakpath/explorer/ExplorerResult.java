package dev.leakpath.explorer;

import java.util.List;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

/**
 * What a query found: the matching source nodes, and the nodes and edges that connect them as the query asked.
 * {@code truncated}: there were more source nodes than the limit, or more connections of a node than are shown.
 */
public record ExplorerResult(List<GraphNode> items, List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {
}
