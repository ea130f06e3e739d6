package dev.leakpath.ingest.ado;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.testsupport.FakeAzureDevOps.API_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.CLI_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.LEGACY_REPOSITORY;
import static dev.leakpath.testsupport.FakeAzureDevOps.PAYMENTS;
import static dev.leakpath.testsupport.FakeAzureDevOps.TOOLS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.AdoPayloads;
import dev.leakpath.testsupport.AzureDevOpsIntegrationTest;
import dev.leakpath.testsupport.FakeAzureDevOps;

import org.springframework.beans.factory.annotation.Autowired;

class AzureDevOpsSyncTests extends AzureDevOpsIntegrationTest {

	/** Continuation tokens are opaque and carry characters that must be URL-encoded. */
	private static final String TOKEN = "W+/0mH3xUwIsA0ZwTsBqajcq=";

	private static final Instant SEEN = Instant.parse("2026-11-01T12:00:00Z");

	@Autowired
	private SyncService sync;

	@Test
	void syncWhenTheFileAtTheCommitNamesTheAccountThenTheAlertCarriesThatTarget() {
		ObjectNode storageKey = ado.alert(API_REPOSITORY, 3, "active", SEEN);
		((ObjectNode) storageKey.get("tools").get(0).get("rules").get(0)).put("opaqueId", "SEC101/152")
			.put("friendlyName", "AzureStorageAccountIdentifiableKey");
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(List.of(storageKey)), List.of());
		String file = "{\n  \"Storage\": {\n    \"Connection\": \"DefaultEndpointsProtocol=https;AccountName=payfiles01;"
				+ "AccountKey=FileOnlyCanaryKey==\"\n  }\n}\n";
		github.server().stubFor(get(urlPathEqualTo("/contoso/Payments/_apis/git/repositories/" + API_REPOSITORY + "/items"))
			.withQueryParam("path", equalTo("/src/appsettings.json"))
			.withQueryParam("versionDescriptor.versionType", equalTo("commit"))
			.withQueryParam("includeContent", equalTo("true"))
			.willReturn(FakeAzureDevOps.json(JsonNodeFactory.instance.objectNode()
				.put("objectId", "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d")
				.put("path", "/src/appsettings.json")
				.put("content", file))));

		sync.run("test").block();

		assertThat(postgres.rows("select s.preview, s.target_kind, s.target_name, s.target_confidence from alert a "
				+ "join secret s on s.id = a.secret_id"))
			.containsExactly("(withheld by the provider)|cloud_resource|payfiles01|medium");
		assertThat(postgres.dumpAllTables()).doesNotContain("FileOnlyCanary");
	}

	@Test
	void syncWhenSeveralContinuationPagesThenStoresEveryAlertAndSkipsTheDisabledRepository() {
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(
				List.of(ado.alert(API_REPOSITORY, 1, "active", SEEN), ado.alert(API_REPOSITORY, 2, "dismissed", SEEN)),
				List.of(ado.alert(API_REPOSITORY, 3, "fixed", SEEN))), List.of(TOKEN));
		ado.alertPages(TOOLS, CLI_REPOSITORY, List.of(List.of(ado.alert(CLI_REPOSITORY, 4, "active", SEEN))), List.of());

		sync.run("test").block();

		assertThat(postgres.rows("""
				select r.full_name, r.project, r.visibility, r.default_branch, a.provider_alert_id, a.state,
				       a.provider_state, a.resolution, a.provider_resolution, a.validity, a.secret_type,
				       a.provider_secret_type, a.secret_id is null
				from alert a join repository r on r.id = a.repository_id order by a.provider_alert_id"""))
			.containsExactly(
					"contoso/Payments/payments-api|Payments|private|main|1|open|active|null|null|active|azure_devops_personal_access_token|AdoPat|t",
					"contoso/Payments/payments-api|Payments|private|main|2|resolved|dismissed|false_positive|falsePositive|active|azure_devops_personal_access_token|AdoPat|t",
					"contoso/Payments/payments-api|Payments|private|main|3|resolved|fixed|fixed|null|active|azure_devops_personal_access_token|AdoPat|t",
					"contoso/OpenTools/cli|OpenTools|public|trunk|4|open|active|null|null|active|azure_devops_personal_access_token|AdoPat|t");
		assertThat(ado.alertRequests(PAYMENTS, LEGACY_REPOSITORY)).isEmpty();
		List<LoggedRequest> pages = ado.alertRequests(PAYMENTS, API_REPOSITORY);
		assertThat(pages).hasSize(2);
		assertThat(pages.get(1).getUrl()).contains("continuationToken=W%2B%2F0mH3xUwIsA0ZwTsBqajcq%3D");
		String basic = "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
		assertThat(pages).allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo(basic));
		assertThat(postgres.rows("select last_outcome, pages, alerts_seen from sync_source"))
			.containsExactly("completed|3|4");
	}

	@Test
	void syncWhenAlertStoredThenLocationLinksPointAtTheCommitAndNoSecretFragmentIsKept() {
		ado.alertPages(TOOLS, CLI_REPOSITORY, List.of(List.of(ado.alert(CLI_REPOSITORY, 7, "active", SEEN))), List.of());
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(List.of()), List.of());

		sync.run("test").block();

		assertThat(postgres.rows("select path, start_line, end_line, file_url, commit_url from alert_location"))
			.singleElement()
			.asString()
			.matches("src/appsettings.json\\|7\\|7\\|https://dev.azure.com/contoso/OpenTools/_git/cli\\?path=%2Fsrc%2F"
					+ "appsettings.json&version=GC[0-9a-f]{40}&line=7&lineEnd=7&lineStartColumn=5&lineEndColumn=60"
					+ "&lineStyle=plain\\|https://dev.azure.com/contoso/OpenTools/_git/cli/commit/[0-9a-f]{40}");
		assertThat(postgres.rows("select alert_url from alert"))
			.containsExactly("https://dev.azure.com/contoso/OpenTools/_git/cli/alerts/7");
		assertThat(postgres.dumpAllTables()).doesNotContain("…trunc7");
	}

	@Test
	void syncWhenSecondPassThenAsksOnlyForAlertsModifiedSinceTheFirst() {
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(List.of(ado.alert(API_REPOSITORY, 1, "active", SEEN))), List.of());
		ado.alertPages(TOOLS, CLI_REPOSITORY, List.of(List.of()), List.of());
		Instant before = Instant.now().minus(Duration.ofMinutes(10));
		sync.run("test").block();
		github.server().resetRequests();

		sync.run("test").block();

		List<LoggedRequest> second = ado.alertRequests(PAYMENTS, API_REPOSITORY);
		assertThat(second).singleElement().satisfies(request -> {
			Instant since = Instant.parse(request.queryParameter("criteria.modifiedSince").firstValue());
			assertThat(since).isBetween(before.minusSeconds(5), Instant.now().minus(Duration.ofMinutes(10)));
		});
	}

	@Test
	void syncWhenThrottledWithRetryAfterThenWaitsAndSucceeds() {
		firstAnswerThenAlerts(aResponse().withStatus(429)
			.withHeader("Retry-After", "1")
			.withBody("{\"message\":\"TF400733: The request has been canceled: Request was blocked\"}"));
		long started = System.nanoTime();

		sync.run("test").block();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(ado.alertRequests(TOOLS, CLI_REPOSITORY)).hasSize(2);
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(1);
	}

	@Test
	void syncWhenServerErrorThenRetriesAndSucceeds() {
		firstAnswerThenAlerts(aResponse().withStatus(503).withBody("Service Unavailable"));

		sync.run("test").block();

		assertThat(ado.alertRequests(TOOLS, CLI_REPOSITORY)).hasSize(2);
		assertThat(postgres.rows("select last_outcome from sync_source")).containsExactly("completed");
	}

	@Test
	void syncWhenPatRejectedWithSignInPageThenReportsAnAuthenticationError() {
		github.server()
			.stubFor(get(urlPathEqualTo("/contoso/_apis/projects")).atPriority(1)
				.willReturn(aResponse().withStatus(203)
					.withHeader("Content-Type", "text/html; charset=utf-8")
					.withBody("<html><head><title>Azure DevOps Services | Sign In</title></head></html>")));

		sync.run("test").block();

		assertThat(postgres.rows("select last_outcome, last_error from sync_source")).containsExactly(
				"failed|GET /contoso/_apis/projects answered with a sign-in page (203): the PAT or token is not valid "
						+ "for this organisation");
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo("/contoso/_apis/projects")))).hasSize(1);
	}

	@Test
	void syncWhenEntraConfiguredThenRequestsCarryTheServicePrincipalsToken() throws java.io.IOException {
		// the PAT wins when both are set, so this test only checks the token client on its own
		github.server()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/tenant-1/oauth2/v2.0/token"))
				.willReturn(FakeAzureDevOps.json("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"entra-jwt\"}")));
		EntraTokenClient tokens = new EntraTokenClient(new okhttp3.OkHttpClient(),
				new AzureDevOpsProperties.Entra("tenant-1", "client-1", "client-secret-1",
						github.baseUrl() + "/{tenant}/oauth2/v2.0/token"),
				new com.fasterxml.jackson.databind.ObjectMapper(), java.time.Clock.systemUTC());

		assertThat(tokens.token()).isEqualTo("entra-jwt");
		assertThat(tokens.token()).isEqualTo("entra-jwt");

		assertThat(github.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
			.postRequestedFor(urlPathEqualTo("/tenant-1/oauth2/v2.0/token")))).singleElement()
			.satisfies(request -> assertThat(request.getBodyAsString()).contains("grant_type=client_credentials")
				.contains("scope=499b84ac-1321-427f-aa17-267ca6975798%2F.default"));
	}

	private void firstAnswerThenAlerts(ResponseDefinitionBuilder first) {
		ado.alertPages(PAYMENTS, API_REPOSITORY, List.of(List.of()), List.of());
		github.server()
			.stubFor(ado.alertsRequest(TOOLS, CLI_REPOSITORY)
				.inScenario("throttled")
				.whenScenarioStateIs(STARTED)
				.willReturn(first)
				.willSetStateTo("open"));
		ObjectNode alert = ado.alert(CLI_REPOSITORY, 9, "active", SEEN);
		github.server()
			.stubFor(ado.alertsRequest(TOOLS, CLI_REPOSITORY)
				.inScenario("throttled")
				.whenScenarioStateIs("open")
				.willReturn(FakeAzureDevOps.json(AdoPayloads.list(List.of(alert)))));
	}

}
