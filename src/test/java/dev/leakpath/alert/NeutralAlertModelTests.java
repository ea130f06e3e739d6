package dev.leakpath.alert;

import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.PAYMENTS;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeAzureDevOps;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub and Azure DevOps alerts in one model: one state vocabulary, one secret-type id, the providers' own
 * words kept beside them. Azure DevOps states are those of its Alert definition (reference §2); the rule
 * names are those of its docs' token tables (reference §7).
 */
class NeutralAlertModelTests extends IntegrationTest {

	private static final Instant SEEN = Instant.parse("2026-11-01T12:00:00Z");

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	private final FakeAzureDevOps ado = new FakeAzureDevOps(github.server());

	/** GitHub's organisation as every integration test has it, and Azure DevOps's on the same fake server. */
	@DynamicPropertySource
	static void azureDevOpsToo(DynamicPropertyRegistry registry) {
		registry.add("leakpath.azure-devops.organizations", () -> FakeAzureDevOps.ORG);
		registry.add("leakpath.azure-devops.pat", () -> "ado-test-pat-0123456789");
		registry.add("leakpath.azure-devops.api-url", github::baseUrl);
		registry.add("leakpath.azure-devops.advsec-url", github::baseUrl);
	}

	@BeforeEach
	void alertsOfBothProviders() {
		ado.organization();
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "azure_devops_personal_access_token", "open", SEEN),
				org.alert("web", 2, "azure_storage_account_key", "resolved", SEEN.minusSeconds(1)),
				org.alert("web", 3, "slack_api_token", "open", SEEN.minusSeconds(2)).put("secret_type", "some_partner_token"))),
				null);
		ObjectNode pat = ado.alert(API_REPOSITORY, 11, "active", SEEN);
		ObjectNode storageKey = rule(ado.alert(API_REPOSITORY, 12, "dismissed", SEEN), "SEC101/152",
				"AzureStorageAccountIdentifiableKey");
		ObjectNode byRuleIdOnly = rule(ado.alert(API_REPOSITORY, 13, "autoDismissed", SEEN), "SEC101/152", null);
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(List.of(pat, storageKey, byRuleIdOnly)), List.of());
		sync.run("test").block();
	}

	@Test
	void stateOpenWhenBothProvidersThenEveryOpenAlertWhateverTheProviderCallsIt() {
		JsonNode open = getJson("/api/v1/alerts?state=open").get("items");

		assertThat(keys(open)).containsExactlyInAnyOrder("github:1:open", "github:3:open", "azure_devops:11:active");
		assertThat(keys(getJson("/api/v1/alerts?state=resolved").get("items")))
			.containsExactlyInAnyOrder("github:2:resolved", "azure_devops:12:dismissed", "azure_devops:13:autoDismissed");
		JsonNode dismissed = alert("contoso/Payments/payments-api", "12");
		assertThat(dismissed.get("resolution").asText()).isEqualTo("false_positive");
		assertThat(dismissed.get("providerResolution").asText()).isEqualTo("falsePositive");
		assertThat(dismissed.get("details").get("resolutionComment").asText()).isEqualTo("test fixture");
		assertThat(alert("contoso/Payments/payments-api", "13").get("resolution").asText()).isEqualTo("auto_dismissed");
	}

	@Test
	void stateWhenAProviderWordThenA400NamingTheNeutralStates() {
		web.get().uri("/api/v1/alerts?state=active").headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("open", "resolved"));
	}

	@Test
	void secretTypeWhenEitherProvidersNameThenOneCatalogueTypeMatchingBoth() {
		assertThat(keys(getJson("/api/v1/alerts?secretType=azure_storage_account_key").get("items")))
			.containsExactlyInAnyOrder("github:2:resolved", "azure_devops:12:dismissed", "azure_devops:13:autoDismissed");
		// an Azure DevOps rule name is taken as the catalogue id it maps to
		assertThat(keys(getJson("/api/v1/alerts?secretType=AdoPat").get("items")))
			.containsExactlyInAnyOrder("github:1:open", "azure_devops:11:active");
		JsonNode adoKey = alert("contoso/Payments/payments-api", "12");
		assertThat(adoKey.get("secretType").asText()).isEqualTo("azure_storage_account_key");
		assertThat(adoKey.get("providerSecretType").asText()).isEqualTo("AzureStorageAccountIdentifiableKey");
		assertThat(adoKey.get("ruleId").asText()).isEqualTo("SEC101/152");
		assertThat(adoKey.get("secretCategory").asText()).isEqualTo("key");
	}

	@Test
	void summaryWhenBothProvidersThenOneBarPerCatalogueType() {
		JsonNode summary = getJson("/api/v1/alerts/summary");

		assertThat(summary.get("openBySecretType").get("azure_devops_personal_access_token").asLong()).isEqualTo(2);
		assertThat(summary.get("openBySecretType").has("AdoPat")).isFalse();
		assertThat(summary.get("byState").get("open").asLong()).isEqualTo(3);
		assertThat(summary.get("byState").has("active")).isFalse();
	}

	@Test
	void secretTypesWhenAnUnknownTypeThenListedAsUnmappedWithTheProvidersNames() {
		JsonNode types = getJson("/api/v1/secret-types");

		JsonNode storage = type(types, "azure_storage_account_key");
		assertThat(storage.get("mapped").asBoolean()).isTrue();
		assertThat(storage.get("category").asText()).isEqualTo("key");
		assertThat(storage.get("alerts").asLong()).isEqualTo(3);
		assertThat(storage.get("openAlerts").asLong()).isZero();
		List<String> names = new ArrayList<>();
		storage.get("providerTypes").forEach(name -> names.add(name.get("provider").asText() + ":" + name.get("type").asText()));
		assertThat(names).containsExactlyInAnyOrder("github:azure_storage_account_key",
				"azure_devops:AzureStorageAccountIdentifiableKey", "azure_devops:SEC101/152");
		JsonNode unknown = type(types, "some_partner_token");
		assertThat(unknown.get("mapped").asBoolean()).isFalse();
		assertThat(unknown.get("category").asText()).isEqualTo("other");
	}

	@Test
	void secretTypesWhenAViewerScopedToOrganizationsThenOnlyTheirAlertsCount() {
		JsonNode acme = get(ACME_TOKEN, "/api/v1/secret-types");

		JsonNode storage = type(acme, "azure_storage_account_key");
		assertThat(storage.get("alerts").asLong()).isEqualTo(1);
		assertThat(storage.get("providerTypes").findValuesAsText("provider")).containsExactly("github");
		assertThat(acme.findValuesAsText("id")).containsExactlyInAnyOrder("azure_devops_personal_access_token",
				"azure_storage_account_key", "some_partner_token");
		assertThat(get(GLOBEX_TOKEN, "/api/v1/secret-types")).isEmpty();
	}

	private JsonNode get(String token, String uri) {
		return web.get().uri(uri).headers(headers -> headers.setBearerAuth(token)).exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private static ObjectNode rule(ObjectNode alert, String opaqueId, String friendlyName) {
		ObjectNode rule = (ObjectNode) alert.get("tools").get(0).get("rules").get(0);
		rule.put("opaqueId", opaqueId);
		if (friendlyName == null) {
			rule.remove("friendlyName");
		}
		else {
			rule.put("friendlyName", friendlyName);
		}
		if (alert.get("dismissal").isObject()) {
			((ObjectNode) alert.get("dismissal")).put("message", "test fixture");
		}
		return alert;
	}

	private static JsonNode type(JsonNode types, String id) {
		for (JsonNode type : types) {
			if (type.get("id").asText().equals(id)) {
				return type;
			}
		}
		throw new AssertionError("no secret type " + id + " in " + types);
	}

	private static List<String> keys(JsonNode alerts) {
		List<String> keys = new ArrayList<>();
		alerts.forEach(alert -> {
			assertThat(alert.get("state").asText()).isIn("open", "resolved");
			keys.add(alert.get("provider").asText() + ":" + alert.get("providerAlertId").asText() + ":"
					+ alert.get("providerState").asText());
		});
		return keys;
	}

}
