package dev.leakpath.asset.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.leakpath.identity.azure.AzureAccess;
import dev.leakpath.identity.azure.AzureAccessEvaluation;
import dev.leakpath.identity.azure.AzureRoleAssignment;
import dev.leakpath.target.EntraClientIds;

/**
 * What each service principal of a tenant may do to each Resource Graph asset, decided by
 * {@link AzureAccessEvaluation} over its own role assignments, as {@link ResourceGraphIdentities} writes it: an
 * identity per principal (by application id, or object id when Graph did not name it), privileged with Owner,
 * Contributor or User Access Administrator, and its access ({@code admin}, {@code write}, {@code read}) with the
 * assignments that give it.
 */
final class AzureRbacRules {

	/** The roles that make a principal an administrator of what they are assigned over. */
	private static final Set<String> PRIVILEGED_ROLES = Set.of("owner", "contributor", "user access administrator");

	private AzureRbacRules() {
	}

	/** An identity to write: its provider id (app id, or object id when Graph refused), and its access. */
	record Evaluated(String providerId, String name, String credentialFingerprint, boolean privileged,
			List<Access> access) {
	}

	record Access(long assetId, String level, String reason) {
	}

	static List<Evaluated> evaluate(AzureRbacRows.Rbac rbac, ManagementGroupChains managementGroups,
			Optional<List<ResourceGraphIdentities.Principal>> known, List<Object[]> rows) {
		Map<String, Long> assetIds = new LinkedHashMap<>();
		List<AzureAccessEvaluation.Asset> assets = new ArrayList<>();
		for (Object[] row : rows) {
			assetIds.put(((String) row[1]).toLowerCase(Locale.ROOT), (Long) row[0]);
			assets.add(new AzureAccessEvaluation.Asset((String) row[1], (String) row[2],
					managementGroups.above((String) row[1])));
		}
		Map<String, String> roleNames = new LinkedHashMap<>();
		rbac.definitions().forEach(definition -> roleNames.put(definition.guid().toLowerCase(Locale.ROOT),
				definition.roleName()));
		List<ResourceGraphIdentities.Principal> principals = known.orElseGet(() -> rbac.assignments().stream()
			.filter(assignment -> "ServicePrincipal".equalsIgnoreCase(assignment.principalType()))
			.map(assignment -> assignment.principalId().toLowerCase(Locale.ROOT))
			.distinct()
			.map(id -> new ResourceGraphIdentities.Principal(id, null, null, null))
			.toList());
		// each principal against its own assignments and the assets under their scopes, not the tenant's all
		Map<String, List<AzureRoleAssignment>> byPrincipal = rbac.assignments().stream()
			.collect(Collectors.groupingBy(assignment -> assignment.principalId().toLowerCase(Locale.ROOT)));
		AzureAccessEvaluation.Tenant tenant = AzureAccessEvaluation.tenant(rbac.definitions(), assets);
		List<Evaluated> evaluated = new ArrayList<>();
		for (ResourceGraphIdentities.Principal principal : principals) {
			List<AzureRoleAssignment> own = byPrincipal.getOrDefault(principal.id().toLowerCase(Locale.ROOT), List.of());
			boolean privileged = own.stream()
				.map(assignment -> roleNames.get(lastSegment(assignment.roleDefinitionId())))
				.anyMatch(name -> name != null && PRIVILEGED_ROLES.contains(name.toLowerCase(Locale.ROOT)));
			List<Access> access = new ArrayList<>();
			for (AzureAccess reach : tenant.evaluate(principal.id(), own)) {
				Long assetId = assetIds.get(reach.resourceId().toLowerCase(Locale.ROOT));
				if (assetId == null) {
					continue;
				}
				String level = reach.privileged() ? "admin"
						: reach.controlWrite() || reach.dataWrite() ? "write" : "read";
				access.add(new Access(assetId, level, "role assignment: " + String.join(", ", reach.roles())));
			}
			String providerId = principal.appId() == null ? principal.id() : principal.appId().toLowerCase(Locale.ROOT);
			evaluated.add(new Evaluated(providerId,
					principal.displayName() == null ? principal.id() : principal.displayName(),
					principal.appId() == null ? null : EntraClientIds.fingerprint(principal.appId()), privileged, List.copyOf(access)));
		}
		return evaluated;
	}

	private static String lastSegment(String id) {
		return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
	}

}
