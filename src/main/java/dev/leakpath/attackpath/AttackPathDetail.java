package dev.leakpath.attackpath;

import java.util.List;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

/** One attack path drawn as a graph, with the alerts that prove it and how to close it; its factors are the path's. */
public record AttackPathDetail(AttackPathView path, List<String> chain, List<GraphNode> nodes, List<GraphEdge> edges, List<Evidence> evidence, List<String> remediation) {

	/** An alert behind the path, with the places the secret was found. */
	public record Evidence(long alertId, String providerAlertId, String state, String validity, String alertUrl,
			List<Location> locations) {
	}

	public record Location(String path, Integer startLine, Integer startColumn, String commitSha, String fileUrl) {
	}

}
