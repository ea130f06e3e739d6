package dev.leakpath.identity.azure;

/**
 * A role assignment of {@code authorizationresources} ({@code microsoft.authorization/roleassignments}).
 *
 * @param principalId the object id of the service principal, user or group
 * @param principalType {@code ServicePrincipal}, {@code User}, {@code Group}, ...
 * @param scope a management group, subscription, resource group or resource ARM id
 */
public record AzureRoleAssignment(String id, String principalId, String principalType, String roleDefinitionId,
		String scope) {
}
