package dev.leakpath.testsupport;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application over real HTTP, against the tests' PostgreSQL and a WireMock GitHub. Every test
 * starts with empty tables, no stubs and closed circuit breakers. Metrics are exported as in production.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.demo.enabled=false", "leakpath.sync.schedule=false",
		"leakpath.api.tokens=test-api-token", "leakpath.fingerprint-key=test-fingerprint-key-0123456789abcdef",
		"leakpath.github.token=test-github-token", "leakpath.github.organizations=" + TestOrganization.ORG,
		"leakpath.github.retry.max-attempts=4", "leakpath.github.retry.initial-backoff=PT0.01S",
		"leakpath.github.retry.max-backoff=PT0.05S", "leakpath.github.retry.rate-limit-wait=PT1S",
		"leakpath.github.webhook-secret=" + IntegrationTest.WEBHOOK_SECRET,
		"leakpath.azure-devops.webhook.username=" + IntegrationTest.HOOK_USER,
		"leakpath.azure-devops.webhook.password=" + IntegrationTest.HOOK_PASSWORD,
		"leakpath.webhooks.worker.poll-interval=PT0.1S", "leakpath.webhooks.worker.max-attempts=3",
		"leakpath.webhooks.worker.initial-backoff=PT0.05S", "leakpath.webhooks.worker.max-backoff=PT0.2S" })
public abstract class IntegrationTest {

	protected static final String API_TOKEN = "test-api-token";

	protected static final String WEBHOOK_SECRET = "test-webhook-secret-4d1f";

	protected static final String HOOK_USER = "leakpath-hooks";

	protected static final String HOOK_PASSWORD = "test-hook-password-93ab";

	protected static final FakeGitHub github = FakeGitHub.start();

	protected static final TestPostgres postgres = TestPostgres.get();

	@Autowired
	private CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.register(registry);
		registry.add("leakpath.github.api-url", github::baseUrl);
	}

	@BeforeEach
	void cleanSlate() {
		postgres.truncateAll();
		github.reset();
		closeCircuitBreakers();
	}

	protected void closeCircuitBreakers() {
		breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

}
