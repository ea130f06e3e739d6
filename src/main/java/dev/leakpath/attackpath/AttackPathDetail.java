package dev.leakpath.attackpath;

import java.util.List;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;

import org.springframework.lang.Nullable;

/** One attack path drawn as a graph, with the alerts that prove it and how to close it; its factors are the path's. */
public record AttackPathDetail(AttackPathView path, List<String> chain, List<GraphNode> nodes, List<GraphEdge> edges,
		List<Evidence> evidence, List<String> remediation) {

	/** An alert behind the path, with the places the secret was found. */
	public record Evidence(long alertId, String providerAlertId, String state, @Nullable String validity,
			@Nullable String alertUrl, List<Location> locations) {
	}

	public record Location(@Nullable String path, @Nullable Integer startLine, @Nullable Integer startColumn,
			@Nullable String commitSha, @Nullable String fileUrl) {
	}

}
