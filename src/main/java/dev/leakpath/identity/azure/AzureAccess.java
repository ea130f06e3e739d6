package dev.leakpath.identity.azure;

import java.util.List;

/**
 * What a principal may do to one asset, and through which assignments.
 *
 * @param resourceId the asset's ARM id
 * @param controlRead the control plane read of its type ({@code <type>/read})
 * @param controlWrite the control plane write of its type ({@code <type>/write})
 * @param dataRead a data plane read of its service (blobs, secrets, ...); false for types with no data plane here
 * @param dataWrite a data plane write of its service
 * @param privileged an assignment over it can grant access (role assignment write) or change everything
 * (Owner, Contributor, User Access Administrator and any role with their reach)
 * @param roles the assignments that give any of the above, as {@code <role name> on <scope>}
 */
public record AzureAccess(String resourceId, boolean controlRead, boolean controlWrite, boolean dataRead,
		boolean dataWrite, boolean privileged, List<String> roles) {
}
