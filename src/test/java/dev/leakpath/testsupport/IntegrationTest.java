package dev.leakpath.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole application over real HTTP, against the tests' PostgreSQL and a WireMock GitHub. Every test
 * starts with empty tables, no stubs and closed circuit breakers. Metrics are exported as in production.
 */
@ApplicationTest
public abstract class IntegrationTest {

	/** An admin. */
	public static final String API_TOKEN = "test-api-token";

	public static final String VIEWER_TOKEN = "test-viewer-token";

	/** A viewer of the test organisation only. */
	public static final String ACME_TOKEN = "test-acme-token";

	/** A viewer of another organisation only. */
	public static final String GLOBEX_TOKEN = "test-globex-token";

	/** A triager (and viewer) of the test organisation only. */
	public static final String ACME_TRIAGER_TOKEN = "test-acme-triager-token";

	public static final String WEBHOOK_SECRET = "test-webhook-secret-4d1f";

	public static final String HOOK_USER = "leakpath-hooks";

	public static final String HOOK_PASSWORD = "test-hook-password-93ab";

	protected static final FakeGitHub github = FakeGitHub.start();

	protected static final TestPostgres postgres = TestPostgres.get();

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	protected WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.register(registry);
		registry.add("leakpath.github.api-url", github::baseUrl);
		registry.add("leakpath.assets.resource-graph.management-url", github::baseUrl);
		registry.add("leakpath.assets.resource-graph.token-url", () -> github.baseUrl() + "/{tenant}/oauth2/v2.0/token");
		registry.add("leakpath.assets.resource-graph.graph-url", github::baseUrl);
		registry.add("leakpath.assets.aws.endpoint-url", github::baseUrl);
		registry.add("leakpath.assets.gcp.asset-url", github::baseUrl);
		registry.add("leakpath.assets.gcp.token-url", () -> github.baseUrl() + "/gcp/token");
	}

	@BeforeEach
	void cleanSlate() {
		postgres.truncateAll();
		github.reset();
		closeCircuitBreakers();
	}

	private void closeCircuitBreakers() {
		breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	/** GETs an API path with the test token; fails unless the answer is 200. */
	protected JsonNode getJson(String uri) {
		return web.get()
			.uri(uri)
			.headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Waits until no recompute of secret targets and attack paths is due: an inventory write schedules one, which
	 * runs after the write commits.
	 */
	protected static void awaitGraphRecomputed() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> postgres.count("select count(*) from graph_recompute where requested > completed") == 0);
	}

	/** The alert as {@code GET /api/v1/alerts} shows it, or null when there is none. */
	protected JsonNode alert(String repositoryFullName, String providerAlertId) {
		for (JsonNode alert : getJson("/api/v1/alerts?limit=500&repository=" + repositoryFullName).get("items")) {
			if (alert.get("providerAlertId").asText().equals(providerAlertId)) {
				return alert;
			}
		}
		return null;
	}

}
