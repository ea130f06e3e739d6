package dev.leakpath.explorer;

import dev.leakpath.graph.GraphEdge;

/**
 * The edges a query can follow, each way. {@code join} reaches the far node (alias {@code {b}}) from the near
 * one ({@code {a}}), through an edge row ({@code {e}}) where there is one. Only the near node's key is used, so
 * the near side can be a list of keys.
 */
enum GraphConnection {

	REPOSITORY_CONTAINS_SECRET(NodeFamily.REPOSITORY, GraphEdge.CONTAINS, true, NodeFamily.SECRET,
			"graph_contains {e} join secret {b} on {b}.id = {e}.secret_id", "{e}.repository_id = {a}.id"),

	SECRET_CONTAINED_IN_REPOSITORY(NodeFamily.SECRET, GraphEdge.CONTAINS, false, NodeFamily.REPOSITORY,
			"graph_contains {e} join repository {b} on {b}.id = {e}.repository_id", "{e}.secret_id = {a}.id"),

	// graph_secret_target has the columns of graph_resource, so the far node is read straight from the edge
	SECRET_AUTHENTICATES_TO_RESOURCE(NodeFamily.SECRET, GraphEdge.CAN_AUTHENTICATE_TO, true, NodeFamily.CLOUD_RESOURCE,
			"graph_secret_target {b}", "{b}.secret_id = {a}.id"),

	RESOURCE_REACHED_BY_SECRET(NodeFamily.CLOUD_RESOURCE, GraphEdge.CAN_AUTHENTICATE_TO, false, NodeFamily.SECRET,
			"graph_secret_target {e} join secret {b} on {b}.id = {e}.secret_id", "{e}.target_key = {a}.target_key"),

	SECRET_AUTHENTICATES_AS_IDENTITY(NodeFamily.SECRET, GraphEdge.AUTHENTICATES_AS, true, NodeFamily.IDENTITY,
			"secret_identity {e} join identity {b} on {b}.id = {e}.identity_id", "{e}.secret_id = {a}.id"),

	IDENTITY_OF_SECRET(NodeFamily.IDENTITY, GraphEdge.AUTHENTICATES_AS, false, NodeFamily.SECRET,
			"secret_identity {e} join secret {b} on {b}.id = {e}.secret_id", "{e}.identity_id = {a}.id"),

	IDENTITY_CAN_ACCESS_RESOURCE(NodeFamily.IDENTITY, GraphEdge.CAN_ACCESS, true, NodeFamily.CLOUD_RESOURCE,
			"identity_resource {e} join graph_resource {b} on {b}.target_key = {e}.target_key",
			"{e}.identity_id = {a}.id"),

	RESOURCE_ACCESSIBLE_TO_IDENTITY(NodeFamily.CLOUD_RESOURCE, GraphEdge.CAN_ACCESS, false, NodeFamily.IDENTITY,
			"identity_resource {e} join identity {b} on {b}.id = {e}.identity_id", "{e}.target_key = {a}.target_key");

	private final NodeFamily from;

	private final String edge;

	private final boolean outgoing;

	private final NodeFamily to;

	private final String join;

	private final String correlation;

	GraphConnection(NodeFamily from, String edge, boolean outgoing, NodeFamily to, String join, String correlation) {
		this.from = from;
		this.edge = edge;
		this.outgoing = outgoing;
		this.to = to;
		this.join = join;
		this.correlation = correlation;
	}

	NodeFamily from() {
		return from;
	}

	NodeFamily to() {
		return to;
	}

	String edge() {
		return edge;
	}

	boolean outgoing() {
		return outgoing;
	}

	String join(String near, String far, String edgeAlias) {
		return join.replace("{a}", near).replace("{b}", far).replace("{e}", edgeAlias);
	}

	String correlation(String near, String far, String edgeAlias) {
		return correlation.replace("{a}", near).replace("{b}", far).replace("{e}", edgeAlias);
	}

	static GraphConnection find(NodeFamily from, String edge, boolean outgoing) {
		for (GraphConnection connection : values()) {
			if (connection.from == from && connection.edge.equals(edge) && connection.outgoing == outgoing) {
				return connection;
			}
		}
		return null;
	}

}
