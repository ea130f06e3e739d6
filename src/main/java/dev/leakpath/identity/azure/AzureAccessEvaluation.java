package dev.leakpath.identity.azure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Azure RBAC for one principal, as far as leakpath needs it: an assignment applies to every asset inside its
 * scope ({@link ArmScopes}); its role allows an action when some permission entry lists it in {@code actions}
 * (or {@code dataActions}) and not in that entry's {@code notActions} ({@code notDataActions}). Not evaluated:
 * deny assignments, conditions (ABAC), PIM eligibility, group membership (only assignments to the principal
 * itself count) and resource-level access outside RBAC (storage keys, SQL logins, Key Vault access policies).
 */
public final class AzureAccessEvaluation {

	/** The data plane actions tried per resource type: a read, then a write. */
	private static final Map<String, List<String>> DATA_ACTIONS = Map.of(
			"microsoft.storage/storageaccounts", List.of("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
					"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"),
			"microsoft.keyvault/vaults", List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action",
					"Microsoft.KeyVault/vaults/secrets/setSecret/action"),
			"microsoft.documentdb/databaseaccounts", List.of(
					"Microsoft.DocumentDB/databaseAccounts/readMetadata",
					"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create"));

	private static final String ROLE_ASSIGNMENT_WRITE = "Microsoft.Authorization/roleAssignments/write";

	/** Stands for "every write": Owner's and Contributor's {@code *} allow it, narrower roles do not. */
	private static final String ANY_WRITE = "Microsoft.Resources/subscriptions/resourceGroups/write";

	private AzureAccessEvaluation() {
	}

	/** An asset of the inventory: its ARM id, type, and the management groups above its subscription. */
	public record Asset(String resourceId, String resourceType, List<String> managementGroups) {

		public Asset {
			managementGroups = managementGroups == null ? List.of() : List.copyOf(managementGroups);
		}

	}

	/**
	 * @param principalId the service principal's object id
	 * @return one entry per asset the principal may do something to; assets out of every scope are left out
	 */
	public static List<AzureAccess> evaluate(String principalId, List<AzureRoleAssignment> assignments,
			List<AzureRoleDefinition> definitions, List<Asset> assets) {
		return tenant(definitions, assets).evaluate(principalId, assignments);
	}

	/** The definitions and assets of a tenant, indexed once for the evaluation of each of its principals. */
	public static Tenant tenant(List<AzureRoleDefinition> definitions, List<Asset> assets) {
		Map<String, AzureRoleDefinition> byGuid = new HashMap<>();
		definitions.forEach(definition -> byGuid.put(definition.guid(), definition));
		return new Tenant(byGuid, new AzureAssetScopes(List.copyOf(assets)));
	}

	public static final class Tenant {

		private final Map<String, AzureRoleDefinition> byGuid;

		private final AzureAssetScopes scopes;

		private Tenant(Map<String, AzureRoleDefinition> byGuid, AzureAssetScopes scopes) {
			this.byGuid = byGuid;
			this.scopes = scopes;
		}

		/**
		 * @param assignments the tenant's assignments, or only the principal's: the others are left out either way
		 * @return as {@link AzureAccessEvaluation#evaluate}
		 */
		public List<AzureAccess> evaluate(String principalId, List<AzureRoleAssignment> assignments) {
			List<AzureRoleAssignment> own = assignments.stream()
				.filter(assignment -> assignment.principalId().equalsIgnoreCase(principalId))
				.toList();
			BitSet candidates = new BitSet();
			own.forEach(assignment -> scopes.under(assignment.scope(), candidates));
			List<Asset> assets = scopes.assets();
			List<AzureAccess> access = new ArrayList<>();
			for (int position = candidates.nextSetBit(0); position >= 0; position = candidates.nextSetBit(position + 1)) {
				access(assets.get(position), own, byGuid).ifPresent(access::add);
			}
			return access;
		}

	}

	private static Optional<AzureAccess> access(Asset asset, List<AzureRoleAssignment> own,
			Map<String, AzureRoleDefinition> byGuid) {
		String type = asset.resourceType().toLowerCase(Locale.ROOT);
		List<String> data = DATA_ACTIONS.getOrDefault(type, List.of());
		boolean controlRead = false;
		boolean controlWrite = false;
		boolean dataRead = false;
		boolean dataWrite = false;
		boolean privileged = false;
		Set<String> roles = new LinkedHashSet<>();
		for (AzureRoleAssignment assignment : own) {
			AzureRoleDefinition role = byGuid.get(ArmScopes.lastSegment(assignment.roleDefinitionId()));
			if (role == null || !ArmScopes.contains(assignment.scope(), asset.resourceId(), asset.managementGroups())) {
				continue;
			}
			boolean read = role.allowsAction(asset.resourceType() + "/read");
			boolean write = role.allowsAction(asset.resourceType() + "/write");
			boolean readData = !data.isEmpty() && role.allowsDataAction(data.get(0));
			boolean writeData = !data.isEmpty() && role.allowsDataAction(data.get(1));
			boolean admin = role.allowsAction(ROLE_ASSIGNMENT_WRITE) || role.allowsAction(ANY_WRITE);
			if (read || write || readData || writeData || admin) {
				roles.add(role.roleName() + " on " + assignment.scope());
			}
			controlRead |= read;
			controlWrite |= write;
			dataRead |= readData;
			dataWrite |= writeData;
			privileged |= admin;
		}
		return roles.isEmpty() ? Optional.empty() : Optional.of(new AzureAccess(asset.resourceId(), controlRead,
				controlWrite, dataRead, dataWrite, privileged, List.copyOf(roles)));
	}

}
