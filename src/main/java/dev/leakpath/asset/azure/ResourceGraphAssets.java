package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.Hosts;
import dev.leakpath.target.SshFingerprints;

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

	private static final String NETWORK_INTERFACES = "microsoft.network/networkinterfaces";

	private static final String PUBLIC_IPS = "microsoft.network/publicipaddresses";

	/** The KQL query: the types above, and the network interfaces and public IPs that expose VMs. */
	static final String QUERY = "Resources | where type in~ (" + String.join(", ",
			Stream.concat(ENDPOINTS.keySet().stream(), Stream.of(NETWORK_INTERFACES, PUBLIC_IPS))
				.sorted()
				.map(type -> "'" + type + "'")
				.toList())
			+ ") | project id, name, type, location, subscriptionId, tags, properties | order by id asc";

	private ResourceGraphAssets() {
	}

	/**
	 * The assets in the rows. Network interfaces and public IPs are not assets of their own: a VM with a
	 * public IP gets its address and DNS name as hosts, and counts as internet-exposed.
	 */
	static List<AssetInput> assets(List<JsonNode> rows) {
		Map<String, String> vmByInterface = new HashMap<>();
		for (JsonNode row : rows) {
			if (NETWORK_INTERFACES.equalsIgnoreCase(text(row, "type"))) {
				String vm = text(row.path("properties").path("virtualMachine"), "id");
				if (vm != null && text(row, "id") != null) {
					vmByInterface.put(text(row, "id").toLowerCase(Locale.ROOT), vm.toLowerCase(Locale.ROOT));
				}
			}
		}
		Map<String, List<String>> publicHostsByVm = new HashMap<>();
		for (JsonNode row : rows) {
			if (!PUBLIC_IPS.equalsIgnoreCase(text(row, "type"))) {
				continue;
			}
			JsonNode properties = row.path("properties");
			String configuration = text(properties.path("ipConfiguration"), "id");
			if (configuration == null) {
				continue;
			}
			String lower = configuration.toLowerCase(Locale.ROOT);
			int cut = lower.indexOf("/ipconfigurations/");
			String vm = vmByInterface.get(cut < 0 ? lower : lower.substring(0, cut));
			if (vm != null) {
				List<String> hosts = publicHostsByVm.computeIfAbsent(vm, key -> new ArrayList<>());
				Optional.ofNullable(text(properties, "ipAddress")).ifPresent(hosts::add);
				Optional.ofNullable(text(properties.path("dnsSettings"), "fqdn")).map(Hosts::normalise).ifPresent(hosts::add);
			}
		}
		List<AssetInput> assets = new ArrayList<>();
		for (JsonNode row : rows) {
			asset(row).ifPresent(asset -> {
				if (!"microsoft.compute/virtualmachines".equalsIgnoreCase(asset.resourceType())) {
					assets.add(asset);
					return;
				}
				List<String> exposed = publicHostsByVm.getOrDefault(asset.providerId().toLowerCase(Locale.ROOT), List.of());
				assets.add(new AssetInput(asset.cloud(), asset.resourceType(), asset.providerId(), asset.name(), exposed,
						asset.region(), asset.accountId(), asset.tags(), !exposed.isEmpty(), null, null,
						asset.sshKeyFingerprints()));
			});
		}
		return assets;
	}

	private static Optional<AssetInput> asset(JsonNode row) {
		String id = text(row, "id");
		String type = text(row, "type");
		String name = text(row, "name");
		if (id == null || type == null || name == null || !ENDPOINTS.containsKey(type.toLowerCase(Locale.ROOT))) {
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
				text(row, "subscriptionId"), tags(row.path("tags")), internetExposed(type, properties), null, null,
				sshKeyFingerprints(properties)));
	}

	/** A Linux VM's authorized keys, as fingerprints: a leaked private key that matches one reaches the VM. */
	private static List<String> sshKeyFingerprints(JsonNode properties) {
		List<String> fingerprints = new ArrayList<>();
		for (JsonNode key : properties.path("osProfile").path("linuxConfiguration").path("ssh").path("publicKeys")) {
			Optional.ofNullable(text(key, "keyData")).flatMap(SshFingerprints::ofAuthorizedKey).ifPresent(fingerprints::add);
		}
		return fingerprints;
	}

	/** Public network access on (Azure's default) means reachable from the internet; VMs are decided above. */
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
