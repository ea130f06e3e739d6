package dev.leakpath.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;

import dev.leakpath.ingest.SyncService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@link IntegrationTest} with both providers on the WireMock server (GitHub {@link TestOrganization#ORG}, Azure
 * DevOps {@link FakeAzureDevOps#ORG}) and the triage worker on, in a context of its own: no other cached context
 * carries out triage items.
 */
@TestPropertySource(properties = "leakpath.triage.worker.enabled=true")
public abstract class TriageIntegrationTest extends IntegrationTest {

	protected static final String PAT = "ado-triage-pat-0123456789";

	protected final TestOrganization org = new TestOrganization();

	protected final FakeAzureDevOps ado = new FakeAzureDevOps(github.server());

	protected final GitHubAlertUpdates gitHubAlerts = new GitHubAlertUpdates(github);

	protected final AdoAlertUpdates adoAlerts = new AdoAlertUpdates(github.server());

	@Autowired
	private SyncService sync;

	@DynamicPropertySource
	static void azureDevOpsToo(DynamicPropertyRegistry registry) {
		registry.add("leakpath.azure-devops.organizations", () -> FakeAzureDevOps.ORG);
		registry.add("leakpath.azure-devops.pat", () -> PAT);
		registry.add("leakpath.azure-devops.api-url", github::baseUrl);
		registry.add("leakpath.azure-devops.advsec-url", github::baseUrl);
		registry.add("leakpath.azure-devops.retry.initial-backoff", () -> "PT0.01S");
		registry.add("leakpath.azure-devops.retry.max-backoff", () -> "PT0.05S");
		registry.add("leakpath.azure-devops.retry.max-attempts", () -> "4");
	}

	@BeforeEach
	void providers() {
		github.repositories(TestOrganization.ORG, org.orgId(), org.repositories());
		ado.organization();
	}

	/** Polls both providers once, serving these alerts, so that leakpath has read them. */
	protected void synced(List<ObjectNode> gitHubAlerts, List<ObjectNode> apiRepositoryAlerts) {
		github.alertPages(TestOrganization.ORG, List.of(gitHubAlerts), null);
		ado.alertPages(FakeAzureDevOps.PAYMENTS, FakeAzureDevOps.API_REPOSITORY, List.of(apiRepositoryAlerts), List.of());
		ado.alertPages(FakeAzureDevOps.TOOLS, FakeAzureDevOps.CLI_REPOSITORY, List.of(List.of()), List.of());
		sync.run("test").block();
	}

	/** leakpath's id of a stored alert. */
	protected long alertId(String provider, String providerAlertId) {
		return postgres.count("select id from alert where provider = '" + provider + "' and provider_alert_id = '"
				+ providerAlertId + "'");
	}

	protected WebTestClient.ResponseSpec post(String token, String path, String body) {
		return web.post()
			.uri(path)
			.headers(headers -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** Triages as the admin; the command as the 202 answers it. */
	protected JsonNode triage(String path, String body) {
		return post(API_TOKEN, path, body).expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** {@code GET /api/v1/triage/{id}} once it satisfies {@code done}, within 20 s. */
	protected JsonNode awaitCommand(long id, Predicate<JsonNode> done) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			last[0] = getJson("/api/v1/triage/" + id);
			return done.test(last[0]);
		});
		return last[0];
	}

	protected JsonNode awaitDone(long id) {
		return awaitCommand(id, command -> command.get("command").get("status").asText().equals("done"));
	}

}
