package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.identity.azure.AzurePermission;
import dev.leakpath.identity.azure.AzureRoleAssignment;
import dev.leakpath.identity.azure.AzureRoleDefinition;

/**
 * Rows of Resource Graph's {@code authorizationresources} as role assignments and definitions. The properties read
 * are those of the ARM resources: a role assignment's {@code principalId}, {@code principalType},
 * {@code roleDefinitionId} and {@code scope}; a role definition's {@code roleName}, {@code type},
 * {@code permissions[]} and {@code assignableScopes}. A row missing what the evaluation needs is left out.
 */
final class AzureRbacRows {

	static final String ASSIGNMENTS = "microsoft.authorization/roleassignments";

	static final String DEFINITIONS = "microsoft.authorization/roledefinitions";

	private AzureRbacRows() {
	}

	record Rbac(List<AzureRoleAssignment> assignments, List<AzureRoleDefinition> definitions) {
	}

	static Rbac read(List<JsonNode> rows) {
		List<AzureRoleAssignment> assignments = new ArrayList<>();
		List<AzureRoleDefinition> definitions = new ArrayList<>();
		for (JsonNode row : rows) {
			String type = row.path("type").asText("").toLowerCase(Locale.ROOT);
			String id = text(row, "id");
			JsonNode properties = row.path("properties");
			if (id == null) {
				continue;
			}
			if (type.equals(ASSIGNMENTS)) {
				String principal = text(properties, "principalId");
				String role = text(properties, "roleDefinitionId");
				String scope = text(properties, "scope");
				if (principal != null && role != null && scope != null) {
					assignments.add(new AzureRoleAssignment(id, principal, text(properties, "principalType"), role, scope));
				}
			}
			else if (type.equals(DEFINITIONS)) {
				String name = text(properties, "roleName");
				if (name == null) {
					continue;
				}
				List<AzurePermission> permissions = new ArrayList<>();
				properties.path("permissions").forEach(entry -> permissions.add(new AzurePermission(
						strings(entry.path("actions")), strings(entry.path("notActions")),
						strings(entry.path("dataActions")), strings(entry.path("notDataActions")))));
				definitions.add(new AzureRoleDefinition(id, name, text(properties, "type"), permissions,
						strings(properties.path("assignableScopes"))));
			}
		}
		return new Rbac(List.copyOf(assignments), List.copyOf(definitions));
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> {
			if (value.isTextual() && !value.asText().isBlank()) {
				values.add(value.asText());
			}
		});
		return values;
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
	}

}
