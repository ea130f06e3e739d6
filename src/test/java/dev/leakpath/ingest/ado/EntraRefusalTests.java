package dev.leakpath.ingest.ado;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeAzureDevOps;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service principal whose client secret Entra refuses: the pass fails at once with an authentication error
 * naming the settings, instead of being retried as a connection error. The refusal is Entra's documented token
 * error body (AADSTS7000215, invalid_client, 401).
 */
class EntraRefusalTests extends IntegrationTest {

	private static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

	@Autowired
	private SyncService sync;

	@DynamicPropertySource
	static void entraOnly(DynamicPropertyRegistry registry) {
		registry.add("leakpath.github.organizations", () -> "");
		registry.add("leakpath.azure-devops.organizations", () -> FakeAzureDevOps.ORG);
		registry.add("leakpath.azure-devops.api-url", github::baseUrl);
		registry.add("leakpath.azure-devops.advsec-url", github::baseUrl);
		registry.add("leakpath.azure-devops.entra.tenant-id", () -> "tenant-1");
		registry.add("leakpath.azure-devops.entra.client-id", () -> "client-1");
		registry.add("leakpath.azure-devops.entra.client-secret", () -> "wrong-client-secret");
		registry.add("leakpath.azure-devops.entra.token-url", () -> github.baseUrl() + "/{tenant}/oauth2/v2.0/token");
		registry.add("leakpath.azure-devops.retry.initial-backoff", () -> "PT0.01S");
		registry.add("leakpath.azure-devops.retry.max-backoff", () -> "PT0.05S");
	}

	@Test
	void syncWhenEntraRefusesTheClientSecretThenTheAuthenticationErrorIsReportedNotRetried() {
		github.server().stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("""
					{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'client-1'.","error_codes":[7000215],"timestamp":"2026-11-20 09:00:00Z","trace_id":"0b8c1f2e-0000-0000-0000-000000000000","correlation_id":"5c1d0e2f-0000-0000-0000-000000000000"}""")));

		sync.run("test").block();

		assertThat(postgres.rows("select last_outcome, last_error from sync_source"))
			.singleElement()
			.satisfies(row -> assertThat(row).startsWith("failed|").contains("Entra refused a token").contains("client-secret"));
		assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(1);
		assertThat(postgres.dumpAllTables()).doesNotContain("wrong-client-secret");
	}

}
