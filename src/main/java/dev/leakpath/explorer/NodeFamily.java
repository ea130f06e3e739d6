package dev.leakpath.explorer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakpath.graph.GraphNode;

/**
 * The node families of the security graph as the explorer sees them: where their rows live, and what can be
 * tested on them. Cloud resources are the inventory's assets plus placeholders for targets it does not list;
 * identities are the cloud identities whose permissions the inventories read.
 */
enum NodeFamily {

	REPOSITORY(GraphNode.REPOSITORY, "repository", "id", "bigint", "'repository:' || {n}.id", "{n}.provider",
			"{n}.full_name",
			List.of(NodeProperty.oneOf("provider", "{n}.provider", Set.of("github", "azure_devops")),
					NodeProperty.text("organization", "{n}.organization"), NodeProperty.text("project", "{n}.project"),
					NodeProperty.text("name", "{n}.name"), NodeProperty.text("fullName", "{n}.full_name"),
					NodeProperty.oneOf("visibility", "{n}.visibility", Set.of("public", "private", "internal")),
					NodeProperty.bool("archived", "{n}.archived"))),

	SECRET(GraphNode.SECRET, "secret", "id", "bigint", "'secret:' || {n}.id", "{n}.secret_type", "{n}.preview",
			List.of(NodeProperty.text("type", "{n}.secret_type"),
					NodeProperty.oneOf("category", "secret_category({n}.secret_type)",
							Set.of("connection_string", "sas_token", "private_key", "key", "token", "password", "other")),
					NodeProperty.oneOf("targetKind", "{n}.target_kind",
							Set.of("cloud_resource", "cloud_identity", "saas_identity", "unresolved")),
					NodeProperty.oneOf("targetExists", "{n}.target_exists", Set.of("true", "false", "unknown")),
					NodeProperty.bool("valid",
							"exists (select 1 from alert v where v.secret_id = {n}.id and v.validity = 'active')"))),

	IDENTITY(GraphNode.IDENTITY, "identity", "id", "bigint", "'identity:' || {n}.id", "{n}.kind", "{n}.name",
			List.of(NodeProperty.oneOf("kind", "{n}.kind",
					Set.of("aws_iam_user", "entra_service_principal", "gcp_service_account")),
					NodeProperty.oneOf("cloud", "{n}.cloud", Set.of("aws", "azure", "gcp")),
					NodeProperty.text("name", "{n}.name"), NodeProperty.text("providerId", "{n}.provider_id"),
					NodeProperty.text("scopeId", "{n}.scope_id"), NodeProperty.bool("privileged", "{n}.privileged"),
					NodeProperty.bool("policyKnown", "{n}.policy_known"))),

	CLOUD_RESOURCE(GraphNode.CLOUD_RESOURCE, "graph_resource", "target_key", "text", "{n}.target_key",
			"{n}.resource_type", "{n}.name",
			List.of(NodeProperty.text("type", "{n}.resource_type"),
					NodeProperty.oneOf("category", "resource_category({n}.resource_type)",
							Set.of("object_storage", "managed_database", "virtual_machine", "other")),
					NodeProperty.text("name", "{n}.name"), NodeProperty.text("cloud", "{n}.cloud"),
					NodeProperty.text("region", "{n}.region"), NodeProperty.text("accountId", "{n}.account_id"),
					NodeProperty.bool("inInventory", "{n}.in_inventory"),
					NodeProperty.bool("internetExposed", "{n}.internet_exposed"),
					NodeProperty.bool("sensitiveData", "{n}.sensitive_data")));

	private final String wireName;

	private final String table;

	private final String key;

	private final String keyType;

	private final String nodeId;

	private final String type;

	private final String label;

	private final Map<String, NodeProperty> properties = new LinkedHashMap<>();

	NodeFamily(String wireName, String table, String key, String keyType, String nodeId, String type, String label,
			List<NodeProperty> properties) {
		this.wireName = wireName;
		this.table = table;
		this.key = key;
		this.keyType = keyType;
		this.nodeId = nodeId;
		this.type = type;
		this.label = label;
		properties.forEach(property -> this.properties.put(property.name(), property));
	}

	String wireName() {
		return wireName;
	}

	String table() {
		return table;
	}

	/** The column that identifies a row, and its SQL type. */
	String keyColumn() {
		return key;
	}

	String key(String alias) {
		return alias + "." + key;
	}

	String keyType() {
		return keyType;
	}

	String nodeId(String alias) {
		return nodeId.replace("{n}", alias);
	}

	String type(String alias) {
		return type.replace("{n}", alias);
	}

	Map<String, NodeProperty> properties() {
		return properties;
	}

	/** The columns a node is read from: id, type, label, key, then one per property. */
	String columns(String alias) {
		StringBuilder columns = new StringBuilder()
			.append(nodeId(alias)).append(" as node_id, ")
			.append(type(alias)).append(" as node_type, ")
			.append(label.replace("{n}", alias)).append(" as node_label, ")
			.append(key(alias)).append(" as node_key");
		properties.values().forEach(property -> columns.append(", ").append(property.on(alias))
			.append(" as \"p_").append(property.name()).append('"'));
		return columns.toString();
	}

	static NodeFamily fromWireName(String name) {
		for (NodeFamily family : values()) {
			if (family.wireName.equals(name)) {
				return family;
			}
		}
		return null;
	}

}
