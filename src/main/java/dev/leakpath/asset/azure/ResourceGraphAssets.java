package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.Hosts;

/**
 * Turns Resource Graph rows into assets: the endpoint hosts each resource type keeps in its properties, and
 * whether public network access is on.
 */
final class ResourceGraphAssets {

	/** The resource types read, and the properties that hold their endpoints. */
	static final Map<String, List<String>> ENDPOINTS = Map.ofEntries(
			Map.entry("microsoft.storage/storageaccounts", List.of("primaryEndpoints.blob", "primaryEndpoints.file",
					"primaryEndpoints.queue", "primaryEndpoints.table", "primaryEndpoints.dfs", "primaryEndpoints.web")),
			Map.entry("microsoft.sql/servers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.dbforpostgresql/flexibleservers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.dbforpostgresql/servers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.dbformysql/flexibleservers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.dbformysql/servers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.dbformariadb/servers", List.of("fullyQualifiedDomainName")),
			Map.entry("microsoft.documentdb/databaseaccounts", List.of("documentEndpoint")),
			Map.entry("microsoft.cache/redis", List.of("hostName")),
			Map.entry("microsoft.servicebus/namespaces", List.of("serviceBusEndpoint")),
			Map.entry("microsoft.eventhub/namespaces", List.of("serviceBusEndpoint")),
			Map.entry("microsoft.keyvault/vaults", List.of("vaultUri")),
			Map.entry("microsoft.compute/virtualmachines", List.of()));

	/** The KQL query: the types above, with what mapping needs. */
	static final String QUERY = "Resources | where type in~ (" + String.join(", ",
			ENDPOINTS.keySet().stream().sorted().map(type -> "'" + type + "'").toList())
			+ ") | project id, name, type, location, subscriptionId, tags, properties | order by id asc";

	private ResourceGraphAssets() {
	}

	static Optional<AssetInput> asset(JsonNode row) {
		String id = text(row, "id");
		String type = text(row, "type");
		String name = text(row, "name");
		if (id == null || type == null || name == null) {
			return Optional.empty();
		}
		JsonNode properties = row.path("properties");
		List<String> hosts = new ArrayList<>();
		for (String path : ENDPOINTS.getOrDefault(type.toLowerCase(Locale.ROOT), List.of())) {
			JsonNode value = properties;
			for (String step : path.split("\\.")) {
				value = value.path(step);
			}
			if (value.isTextual() && !value.asText().isBlank()) {
				hosts.add(Hosts.normalise(value.asText()));
			}
		}
		return Optional.of(new AssetInput("azure", type, id, name, hosts, text(row, "location"),
				text(row, "subscriptionId"), tags(row.path("tags")), internetExposed(type, properties), null, null));
	}

	/** Public network access on (Azure's default) means reachable from the internet; unknown for VMs here. */
	private static Boolean internetExposed(String type, JsonNode properties) {
		if (type.equalsIgnoreCase("microsoft.compute/virtualmachines")) {
			return null;
		}
		String access = Optional.ofNullable(text(properties, "publicNetworkAccess"))
			.orElse(text(properties.path("network"), "publicNetworkAccess"));
		return access == null || !access.equalsIgnoreCase("Disabled");
	}

	private static Map<String, String> tags(JsonNode tags) {
		Map<String, String> values = new LinkedHashMap<>();
		tags.fields().forEachRemaining(tag -> values.put(tag.getKey(), tag.getValue().asText()));
		return values;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
	}

}
