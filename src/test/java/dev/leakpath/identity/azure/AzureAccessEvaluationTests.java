package dev.leakpath.identity.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Built-in roles as Microsoft documents them ("Azure built-in roles",
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles, with the JSON of each role under
 * its category page: general, storage, databases); ids and scopes shaped on "Understand scope for Azure RBAC"
 * (https://learn.microsoft.com/azure/role-based-access-control/scope-overview).
 */
class AzureAccessEvaluationTests {

	private static final String PRINCIPAL = "2c5b1a2e-7f43-4d3b-9a1e-0f5d6c7b8a90";

	private static final String SUBSCRIPTION = "/subscriptions/6e1f2a3b-0000-4000-8000-000000000001";

	private static final String PROD = SUBSCRIPTION + "/resourceGroups/prod";

	private static final String STORAGE = PROD + "/providers/Microsoft.Storage/storageAccounts/acmeprodstore";

	private static final String SQL_SERVER = PROD + "/providers/Microsoft.Sql/servers/orders-sql";

	private static final String SQL_DATABASE = SQL_SERVER + "/databases/orders";

	private static final String OTHER_STORAGE = SUBSCRIPTION
			+ "/resourceGroups/test/providers/Microsoft.Storage/storageAccounts/acmeteststore";

	private static final List<AzureRoleDefinition> BUILT_IN = List.of(owner(), contributor(), reader(),
			blobDataReader(), blobDataContributor(), sqlDbContributor());

	private static final List<AzureAccessEvaluation.Asset> ASSETS = List.of(
			asset(STORAGE, "Microsoft.Storage/storageAccounts"), asset(OTHER_STORAGE, "Microsoft.Storage/storageAccounts"),
			asset(SQL_SERVER, "Microsoft.Sql/servers"), asset(SQL_DATABASE, "Microsoft.Sql/servers/databases"));

	@Test
	void evaluateWhenContributorOnTheSubscriptionThenControlWriteOnEveryAssetAndPrivileged() {
		List<AzureAccess> access = evaluate(assignment("b24988ac-6180-42a0-ab88-20f7382dd24c", SUBSCRIPTION));

		assertThat(access).hasSize(4).allSatisfy(each -> {
			assertThat(each.controlWrite()).isTrue();
			assertThat(each.privileged()).isTrue();
			assertThat(each.dataRead()).isFalse();
			assertThat(each.roles()).containsExactly("Contributor on " + SUBSCRIPTION);
		});
	}

	@Test
	void evaluateWhenStorageBlobDataReaderOnTheResourceGroupThenDataReadOnItsStorageAccountOnly() {
		List<AzureAccess> access = evaluate(assignment("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", PROD.toUpperCase()));

		assertThat(access).singleElement().satisfies(each -> {
			assertThat(each.resourceId()).isEqualTo(STORAGE);
			assertThat(each.dataRead()).isTrue();
			assertThat(each.dataWrite()).isFalse();
			assertThat(each.controlWrite()).isFalse();
			assertThat(each.privileged()).isFalse();
		});
	}

	@Test
	void evaluateWhenBlobDataContributorOnTheAccountThenDataReadAndWrite() {
		List<AzureAccess> access = evaluate(assignment("ba92f5b4-2d11-453d-a403-e96b0029c9fe", STORAGE));

		assertThat(access).singleElement().satisfies(each -> {
			assertThat(each.dataRead()).isTrue();
			assertThat(each.dataWrite()).isTrue();
		});
	}

	@Test
	void evaluateWhenReaderThenControlReadOnlyAndNotPrivileged() {
		List<AzureAccess> access = evaluate(assignment("acdd72a7-3385-48ef-bd42-f606fba81ae7", SUBSCRIPTION));

		assertThat(access).hasSize(4).allSatisfy(each -> {
			assertThat(each.controlRead()).isTrue();
			assertThat(each.controlWrite()).isFalse();
			assertThat(each.dataRead()).isFalse();
			assertThat(each.privileged()).isFalse();
		});
	}

	@Test
	void evaluateWhenSqlDbContributorThenItWritesDatabasesButOnlyReadsTheServer() {
		List<AzureAccess> access = evaluate(assignment("9b7fa17d-e63e-47b0-bb0a-15c516ac86ec", PROD));

		assertThat(access).extracting(AzureAccess::resourceId, AzureAccess::controlRead, AzureAccess::controlWrite)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SQL_SERVER, true, false),
					org.assertj.core.groups.Tuple.tuple(SQL_DATABASE, true, true));
	}

	@Test
	void evaluateWhenOwnerOnAManagementGroupAboveTheSubscriptionThenPrivilegedEverywhere() {
		List<AzureAccess> access = evaluate(
				assignment("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "/providers/Microsoft.Management/managementGroups/Contoso"));

		assertThat(access).hasSize(4).allSatisfy(each -> assertThat(each.privileged()).isTrue());
	}

	@Test
	void evaluateWhenTheAssignmentIsAnotherPrincipalsOrOnAnotherGroupThenNothing() {
		AzureRoleAssignment others = new AzureRoleAssignment("a1", "9f0e0d0c-0000-4000-8000-00000000beef",
				"ServicePrincipal", SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/"
						+ "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", SUBSCRIPTION);
		AzureRoleAssignment elsewhere = assignment("8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
				"/providers/Microsoft.Management/managementGroups/Fabrikam");

		assertThat(AzureAccessEvaluation.evaluate(PRINCIPAL, List.of(others, elsewhere), BUILT_IN, ASSETS)).isEmpty();
	}

	@Test
	void actionsWhenWildcardsThenCaseInsensitiveAnywhere() {
		assertThat(AzureActions.matches("Microsoft.Authorization/*/Write", "microsoft.authorization/roleassignments/write"))
			.isTrue();
		assertThat(AzureActions.matches("*/read", "Microsoft.Storage/storageAccounts/read")).isTrue();
		assertThat(AzureActions.matches("*/read", "Microsoft.Storage/storageAccounts/write")).isFalse();
		assertThat(AzureActions.matches("Microsoft.Sql/servers/databases/*", "Microsoft.Sql/servers/write")).isFalse();
	}

	@Test
	void evaluateOverTheScopeIndexThenTheAssetsOfEveryContainingScopeAndNoOther() {
		Random random = new Random(20261203);
		String[] groups = { "platform", "landing-zones", "sandbox" };
		List<AzureAccessEvaluation.Asset> assets = new ArrayList<>();
		List<String> scopes = new ArrayList<>(List.of("/", "/providers/Microsoft.Management/managementGroups/nowhere"));
		for (int subscription = 0; subscription < 4; subscription++) {
			String subscriptionId = "/subscriptions/6e1f2a3b-0000-4000-8000-00000000000" + subscription;
			List<String> above = List.of(groups[subscription % groups.length], "Tenant Root Group");
			scopes.add(subscriptionId);
			for (String group : List.of("prod", "Prod-EU", "prod2")) {
				String resourceGroup = subscriptionId + "/resourceGroups/" + group;
				scopes.add(resourceGroup.toUpperCase());
				for (int index = 0; index < 5; index++) {
					String id = resourceGroup + "/providers/Microsoft.Storage/storageAccounts/store" + index;
					assets.add(new AzureAccessEvaluation.Asset(id, "Microsoft.Storage/storageAccounts", above));
					scopes.add(id + (index == 0 ? "/" : ""));
				}
			}
		}
		for (String group : groups) {
			scopes.add("/providers/Microsoft.Management/managementGroups/" + group);
		}
		for (int round = 0; round < 200; round++) {
			List<AzureRoleAssignment> assignments = new ArrayList<>();
			for (int count = random.nextInt(4); count >= 0; count--) {
				String scope = scopes.get(random.nextInt(scopes.size()));
				// Reader grants a read of every type, so every contained asset is in the answer
				assignments.add(assignment(random.nextBoolean() ? "acdd72a7-3385-48ef-bd42-f606fba81ae7"
						: "b24988ac-6180-42a0-ab88-20f7382dd24c", scope));
			}
			List<String> expected = assets.stream()
				.filter(asset -> assignments.stream()
					.anyMatch(each -> ArmScopes.contains(each.scope(), asset.resourceId(), asset.managementGroups())))
				.map(AzureAccessEvaluation.Asset::resourceId)
				.toList();

			List<AzureAccess> access = AzureAccessEvaluation.evaluate(PRINCIPAL, assignments, BUILT_IN, assets);

			assertThat(access).extracting(AzureAccess::resourceId).as(assignments.toString()).isEqualTo(expected);
		}
	}

	private static List<AzureAccess> evaluate(AzureRoleAssignment assignment) {
		return AzureAccessEvaluation.evaluate(PRINCIPAL.toUpperCase(), List.of(assignment), BUILT_IN, ASSETS);
	}

	/** Assignments name the definition under the subscription they are made in. */
	private static AzureRoleAssignment assignment(String roleGuid, String scope) {
		return new AzureRoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/1", PRINCIPAL,
				"ServicePrincipal", SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid, scope);
	}

	private static AzureAccessEvaluation.Asset asset(String id, String type) {
		return new AzureAccessEvaluation.Asset(id, type, List.of("Contoso", "Tenant Root Group"));
	}

	private static AzureRoleDefinition role(String guid, String name, AzurePermission permission) {
		return new AzureRoleDefinition("/providers/Microsoft.Authorization/roleDefinitions/" + guid, name, "BuiltInRole",
				List.of(permission), List.of("/"));
	}

	private static AzureRoleDefinition owner() {
		return role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
				new AzurePermission(List.of("*"), List.of(), List.of(), List.of()));
	}

	private static AzureRoleDefinition contributor() {
		return role("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", new AzurePermission(List.of("*"),
				List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
						"Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
						"Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
						"Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
						"Microsoft.Resources/deploymentStacks/manageDenySetting/action",
						"Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action"),
				List.of(), List.of()));
	}

	private static AzureRoleDefinition reader() {
		return role("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader",
				new AzurePermission(List.of("*/read"), List.of(), List.of(), List.of()));
	}

	private static AzureRoleDefinition blobDataReader() {
		return role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader", new AzurePermission(
				List.of("Microsoft.Storage/storageAccounts/blobServices/containers/read",
						"Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"),
				List.of(), List.of("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"), List.of()));
	}

	private static AzureRoleDefinition blobDataContributor() {
		return role("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor", new AzurePermission(
				List.of("Microsoft.Storage/storageAccounts/blobServices/containers/delete",
						"Microsoft.Storage/storageAccounts/blobServices/containers/read",
						"Microsoft.Storage/storageAccounts/blobServices/containers/write",
						"Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"),
				List.of(), List.of("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
						"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
						"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
						"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
						"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action"),
				List.of()));
	}

	private static AzureRoleDefinition sqlDbContributor() {
		return role("9b7fa17d-e63e-47b0-bb0a-15c516ac86ec", "SQL DB Contributor", new AzurePermission(
				List.of("Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*",
						"Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
						"Microsoft.Sql/servers/databases/*", "Microsoft.Sql/servers/read", "Microsoft.Support/*",
						"Microsoft.Insights/metrics/read", "Microsoft.Insights/metricDefinitions/read"),
				List.of("Microsoft.Sql/servers/databases/ledgerDigestUploads/write",
						"Microsoft.Sql/servers/databases/ledgerDigestUploads/disable/action",
						"Microsoft.Sql/servers/databases/currentSensitivityLabels/*",
						"Microsoft.Sql/servers/databases/securityAlertPolicies/*",
						"Microsoft.Sql/servers/databases/auditingSettings/*"),
				List.of(), List.of()));
	}

}
