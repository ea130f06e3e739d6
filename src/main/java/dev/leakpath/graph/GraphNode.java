package dev.leakpath.graph;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A node of the security graph.
 *
 * @param id {@code repository:<id>}, {@code secret:<id>}, {@code identity:<id>}, {@code asset:<id>}, {@code unlisted:<type>:<name>} for a
 * target the inventory does not list, or {@code internet}
 * @param family {@code repository}, {@code secret}, {@code identity}, {@code cloudResource} or {@code internet}
 * @param type the provider, the secret type or the resource type
 */
public record GraphNode(String id, String family, String type, String label,
		@Schema(ref = GraphNode.PROPERTIES_REF) Map<String, Object> properties) {

	/** The schema of {@code properties} in the OpenAPI document, which the explorer's schemas define. */
	public static final String PROPERTIES_SCHEMA = "GraphNodeProperties";

	public static final String PROPERTIES_REF = "#/components/schemas/" + PROPERTIES_SCHEMA;

	public static final String REPOSITORY = "repository";

	public static final String SECRET = "secret";

	public static final String CLOUD_RESOURCE = "cloudResource";

	/** An IAM user, an Entra service principal or a GCP service account: the {@code identity} table. */
	public static final String IDENTITY = "identity";

	public static final GraphNode INTERNET = new GraphNode("internet", "internet", "internet", "Internet", Map.of());

	public static String repositoryId(long id) {
		return "repository:" + id;
	}

	public static String identityId(long id) {
		return "identity:" + id;
	}

	public static String secretId(long id) {
		return "secret:" + id;
	}

}
