package dev.leakpath.explorer;

import java.util.List;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

/**
 * What a query found: the matching source nodes, and the nodes and edges that connect them as the query asked.
 *
 * @param moreMatches more source nodes matched than the limit
 * @param moreConnections a node had more connections than are shown
 * @param truncated either
 */
public record ExplorerResult(List<GraphNode> items, List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated,
		boolean moreMatches, boolean moreConnections) {

	ExplorerResult(List<GraphNode> items, List<GraphNode> nodes, List<GraphEdge> edges, boolean moreMatches,
			boolean moreConnections) {
		this(items, nodes, edges, moreMatches || moreConnections, moreMatches, moreConnections);
	}

}
