package dev.leakpath.identity.azure;

import java.util.List;

/**
 * A role definition of {@code authorizationresources} ({@code microsoft.authorization/roledefinitions}).
 *
 * @param id the definition's ARM id; assignments name it, often under another subscription's path, so only its
 * last segment (the GUID) is compared
 * @param type {@code BuiltInRole} or {@code CustomRole}
 */
public record AzureRoleDefinition(String id, String roleName, String type, List<AzurePermission> permissions,
		List<String> assignableScopes) {

	public AzureRoleDefinition {
		permissions = permissions == null ? List.of() : List.copyOf(permissions);
		assignableScopes = assignableScopes == null ? List.of() : List.copyOf(assignableScopes);
	}

	/** The definition's GUID: the last segment of its id. */
	public String guid() {
		return ArmScopes.lastSegment(id);
	}

	/** Whether some permission entry allows the control plane {@code action}. */
	boolean allowsAction(String action) {
		return permissions.stream().anyMatch(permission -> AzureActions.matchesAny(permission.actions(), action)
				&& !AzureActions.matchesAny(permission.notActions(), action));
	}

	/** Whether some permission entry allows the data plane {@code action}. */
	boolean allowsDataAction(String action) {
		return permissions.stream().anyMatch(permission -> AzureActions.matchesAny(permission.dataActions(), action)
				&& !AzureActions.matchesAny(permission.notDataActions(), action));
	}

}
