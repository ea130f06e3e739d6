package dev.leakpath.identity.azure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
		Map<String, AzureRoleDefinition> byGuid = new HashMap<>();
		definitions.forEach(definition -> byGuid.put(definition.guid(), definition));
		List<AzureRoleAssignment> own = assignments.stream()
			.filter(assignment -> assignment.principalId().equalsIgnoreCase(principalId))
			.toList();
		List<AzureAccess> access = new ArrayList<>();
		for (Asset asset : assets) {
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
			if (!roles.isEmpty()) {
				access.add(new AzureAccess(asset.resourceId(), controlRead, controlWrite, dataRead, dataWrite, privileged,
						List.copyOf(roles)));
			}
		}
		return access;
	}

}
