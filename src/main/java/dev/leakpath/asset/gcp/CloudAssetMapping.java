package dev.leakpath.asset.gcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.SshFingerprints;

/**
 * Turns Cloud Asset Inventory's {@code ResourceSearchResult}s and {@code IamPolicySearchResult}s
 * (cloud.google.com/asset-inventory/docs/reference/rest/v1/ResourceSearchResult and .../IamPolicySearchResult) into
 * what leakpath keeps. Fields come from the documented result ({@code name}, {@code assetType}, {@code project},
 * {@code folders}, {@code organization}, {@code displayName}, {@code location}, {@code labels},
 * {@code additionalAttributes}) and, where the service's own resource is needed (a VM's NAT IPs and
 * {@code ssh-keys} metadata, a Cloud SQL instance's addresses, a service account's e-mail), from
 * {@code versionedResources[].resource}, which holds that service's REST representation.
 */
final class CloudAssetMapping {

	static final String PROJECT = "cloudresourcemanager.googleapis.com/Project";

	static final String FOLDER = "cloudresourcemanager.googleapis.com/Folder";

	static final String ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization";

	static final String BUCKET = "storage.googleapis.com/Bucket";

	static final String SQL_INSTANCE = "sqladmin.googleapis.com/Instance";

	static final String COMPUTE_INSTANCE = "compute.googleapis.com/Instance";

	static final String SERVICE_ACCOUNT = "iam.googleapis.com/ServiceAccount";

	static final String SERVICE_ACCOUNT_KEY = "iam.googleapis.com/ServiceAccountKey";

	/** The resource types read. */
	static final List<String> RESOURCE_TYPES = List.of(PROJECT, BUCKET, SQL_INSTANCE, COMPUTE_INSTANCE, SERVICE_ACCOUNT,
			SERVICE_ACCOUNT_KEY);

	/** The types whose IAM policies are read: the containers, and the buckets and service accounts themselves. */
	static final List<String> POLICY_TYPES = List.of(ORGANIZATION, FOLDER, PROJECT, BUCKET, SERVICE_ACCOUNT);

	/** The fields asked for: everything used below; {@code versionedResources} only comes when named. */
	static final String READ_MASK = "name,assetType,project,folders,organization,displayName,location,labels,state,"
			+ "additionalAttributes,versionedResources";

	/** Who "internet" is in an IAM policy ("Principal identifiers", IAM documentation). */
	static final Set<String> PUBLIC_MEMBERS = Set.of("allUsers", "allAuthenticatedUsers");

	private CloudAssetMapping() {
	}

	static List<GcpRead.Binding> bindings(List<JsonNode> policies) {
		List<GcpRead.Binding> bindings = new ArrayList<>();
		for (JsonNode result : policies) {
			String resource = bindingResource(result);
			String type = text(result, "assetType");
			if (resource == null || type == null) {
				continue;
			}
			for (JsonNode binding : result.path("policy").path("bindings")) {
				String role = text(binding, "role");
				boolean conditional = binding.path("condition").isObject();
				for (JsonNode member : binding.path("members")) {
					if (role != null && member.isTextual()) {
						bindings.add(new GcpRead.Binding(resource, type, role, member.asText(), conditional));
					}
				}
			}
		}
		return List.copyOf(new LinkedHashSet<>(bindings));
	}

	/**
	 * A container's policy is named as resources name their ancestry ({@code projects/NUMBER}: the result's
	 * {@code project}, since the resource name of a project may hold its id), any other by its full name.
	 */
	private static String bindingResource(JsonNode result) {
		String type = text(result, "assetType");
		String resource = text(result, "resource");
		if (PROJECT.equals(type)) {
			return Optional.ofNullable(text(result, "project")).orElse(containerName(resource));
		}
		if (FOLDER.equals(type) || ORGANIZATION.equals(type)) {
			return containerName(resource);
		}
		return resource;
	}

	private static String containerName(String resource) {
		String prefix = "//cloudresourcemanager.googleapis.com/";
		return resource != null && resource.startsWith(prefix) ? resource.substring(prefix.length()) : resource;
	}

	static GcpRead read(List<JsonNode> results, List<GcpRead.Binding> bindings) {
		Map<String, String> projectIds = new HashMap<>();
		for (JsonNode result : results) {
			if (PROJECT.equals(text(result, "assetType")) && text(result, "project") != null) {
				Optional.ofNullable(text(result.path("additionalAttributes"), "projectId"))
					.ifPresent(id -> projectIds.put(text(result, "project"), id));
			}
		}
		Set<String> publicResources = new LinkedHashSet<>();
		for (GcpRead.Binding binding : bindings) {
			if (PUBLIC_MEMBERS.contains(binding.member())) {
				publicResources.add(binding.resource());
			}
		}
		List<AssetInput> assets = new ArrayList<>();
		List<GcpRead.Resource> resources = new ArrayList<>();
		Map<String, GcpRead.ServiceAccount> accountsByKey = new LinkedHashMap<>();
		Map<String, List<GcpRead.Key>> keysByAccount = new HashMap<>();
		for (JsonNode result : results) {
			String name = text(result, "name");
			String type = text(result, "assetType");
			if (name == null || type == null) {
				continue;
			}
			List<String> folders = new ArrayList<>();
			result.path("folders").forEach(folder -> folders.add(folder.asText()));
			resources.add(new GcpRead.Resource(name, type, text(result, "project"), List.copyOf(folders),
					text(result, "organization")));
			JsonNode resource = versioned(result);
			String projectId = Optional.ofNullable(projectIds.get(text(result, "project")))
				.orElse(projectIdInName(name));
			switch (type) {
				case BUCKET -> assets.add(asset(result, projectId, List.of(lastSegment(name) + ".storage.googleapis.com"),
						publicResources.contains(name), List.of()));
				case SQL_INSTANCE -> assets.add(sqlInstance(result, resource, projectId));
				case COMPUTE_INSTANCE -> assets.add(computeInstance(result, resource, projectId));
				case SERVICE_ACCOUNT -> serviceAccount(result, resource).ifPresent(account -> {
					accountsByKey.put(account.email(), account);
					accountsByKey.put(lastSegment(name), account);
					if (account.uniqueId() != null) {
						accountsByKey.put(account.uniqueId(), account);
					}
				});
				case SERVICE_ACCOUNT_KEY -> key(result, resource).ifPresent(key -> keysByAccount
					.computeIfAbsent(accountSegment(name), account -> new ArrayList<>()).add(key));
				default -> {
				}
			}
		}
		Map<String, GcpRead.ServiceAccount> accounts = new LinkedHashMap<>();
		for (GcpRead.ServiceAccount account : accountsByKey.values()) {
			accounts.putIfAbsent(account.email(), account);
		}
		keysByAccount.forEach((segment, keys) -> {
			GcpRead.ServiceAccount account = accountsByKey.get(segment);
			if (account != null) {
				List<GcpRead.Key> all = new ArrayList<>(accounts.get(account.email()).keys());
				all.addAll(keys);
				accounts.put(account.email(), new GcpRead.ServiceAccount(account.email(), account.name(),
						account.project(), account.uniqueId(), account.disabled(), List.copyOf(all)));
			}
		});
		return new GcpRead(assets, resources, List.copyOf(accounts.values()), bindings);
	}

	/** Exposed with a public address: {@code PRIMARY} is Cloud SQL's public IPv4 (Cloud SQL Admin API, IpMapping). */
	private static AssetInput sqlInstance(JsonNode result, JsonNode resource, String projectId) {
		List<String> hosts = new ArrayList<>();
		boolean exposed = false;
		for (JsonNode address : resource.path("ipAddresses")) {
			Optional.ofNullable(text(address, "ipAddress")).ifPresent(hosts::add);
			exposed |= "PRIMARY".equals(text(address, "type"));
		}
		Optional.ofNullable(text(resource, "dnsName")).ifPresent(hosts::add);
		return asset(result, projectId, hosts, exposed, List.of());
	}

	/**
	 * Exposed with an external IP: CAI's {@code additionalAttributes.externalIPs}, or the NAT IPs of the
	 * instance's access configs (Compute Engine API, Instance). Its {@code ssh-keys} metadata ({@code USER:KEY}
	 * lines) become key fingerprints.
	 */
	private static AssetInput computeInstance(JsonNode result, JsonNode resource, String projectId) {
		Set<String> hosts = new LinkedHashSet<>();
		result.path("additionalAttributes").path("externalIPs").forEach(ip -> hosts.add(ip.asText()));
		for (JsonNode network : resource.path("networkInterfaces")) {
			for (JsonNode access : network.path("accessConfigs")) {
				Optional.ofNullable(text(access, "natIP")).ifPresent(hosts::add);
			}
		}
		List<String> fingerprints = new ArrayList<>();
		for (JsonNode item : resource.path("metadata").path("items")) {
			if ("ssh-keys".equals(text(item, "key")) && text(item, "value") != null) {
				for (String line : text(item, "value").split("\n")) {
					int colon = line.indexOf(':');
					SshFingerprints.ofAuthorizedKey(colon < 0 ? line : line.substring(colon + 1))
						.filter(fingerprint -> !fingerprints.contains(fingerprint))
						.ifPresent(fingerprints::add);
				}
			}
		}
		return asset(result, projectId, List.copyOf(hosts), !hosts.isEmpty(), fingerprints);
	}

	private static AssetInput asset(JsonNode result, String projectId, List<String> hosts, boolean exposed,
			List<String> fingerprints) {
		String name = text(result, "name");
		return new AssetInput("gcp", text(result, "assetType"), name,
				Optional.ofNullable(text(result, "displayName")).orElse(lastSegment(name)), hosts,
				text(result, "location"), projectId, labels(result.path("labels")), exposed, null, null, fingerprints);
	}

	private static Optional<GcpRead.ServiceAccount> serviceAccount(JsonNode result, JsonNode resource) {
		String email = Optional.ofNullable(text(resource, "email"))
			.orElse(text(result.path("additionalAttributes"), "email"));
		if (email == null) {
			return Optional.empty();
		}
		return Optional.of(new GcpRead.ServiceAccount(email, text(result, "name"), text(result, "project"),
				text(resource, "uniqueId"), resource.path("disabled").asBoolean(false), List.of()));
	}

	/** The key's id is the last segment of its name ({@code .../serviceAccounts/ACCOUNT/keys/KEY_ID}). */
	private static Optional<GcpRead.Key> key(JsonNode result, JsonNode resource) {
		String name = text(result, "name");
		if (!name.contains("/keys/")) {
			return Optional.empty();
		}
		return Optional.of(new GcpRead.Key(lastSegment(name), name, text(resource, "keyType"),
				resource.path("disabled").asBoolean(false)));
	}

	/** The account segment of a key's name: the account's unique id or e-mail. */
	private static String accountSegment(String keyName) {
		String account = keyName.substring(0, keyName.indexOf("/keys/"));
		return lastSegment(account);
	}

	/** The newest of {@code versionedResources}' service representations; an empty node when CAI gave none. */
	private static JsonNode versioned(JsonNode result) {
		JsonNode versions = result.path("versionedResources");
		return versions.isArray() && !versions.isEmpty() ? versions.get(versions.size() - 1).path("resource")
				: result.path("versionedResources");
	}

	/** {@code //compute.googleapis.com/projects/ID/...}: names of most types carry the project's id. */
	private static String projectIdInName(String name) {
		int start = name.indexOf("/projects/");
		if (start < 0) {
			return null;
		}
		String rest = name.substring(start + "/projects/".length());
		int end = rest.indexOf('/');
		return end < 0 ? rest : rest.substring(0, end);
	}

	private static String lastSegment(String name) {
		return name.substring(name.lastIndexOf('/') + 1);
	}

	private static Map<String, String> labels(JsonNode labels) {
		Map<String, String> values = new LinkedHashMap<>();
		labels.fields().forEachRemaining(label -> values.put(label.getKey(), label.getValue().asText()));
		return values;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
	}

}
