package dev.leakpath.ingest.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GitHub App credentials: github-api mints the installation token, and the alert requests carry it. */
class GitHubAppAuthenticationTests extends IntegrationTest {

	private static final String INSTALLATION_TOKEN = "ghs_installationTokenForTheTests0123456789";

	@Autowired
	private SyncService sync;

	@DynamicPropertySource
	static void appCredentials(DynamicPropertyRegistry registry) {
		registry.add("leakpath.github.token", () -> "");
		registry.add("leakpath.github.app.id", () -> "12345");
		registry.add("leakpath.github.app.installation-id", () -> "777");
		registry.add("leakpath.github.app.private-key-file", GitHubAppAuthenticationTests::privateKeyFile);
	}

	@Test
	void syncWhenAppConfiguredThenAlertsAreReadWithTheInstallationToken() {
		stubApp();
		TestOrganization org = new TestOrganization();
		github.alertPages(ORG, List.of(List.of(org.openAlert("api", 1, Instant.parse("2026-11-01T12:00:00Z")))), null);

		sync.run("test").block();

		assertThat(postgres.count("select count(*) from alert")).isEqualTo(1);
		github.server()
			.verify(postRequestedFor(urlPathEqualTo("/app/installations/777/access_tokens"))
				.withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+")));
		github.server()
			.verify(getRequestedFor(urlPathEqualTo("/orgs/acme/secret-scanning/alerts"))
				.withHeader("Authorization", equalTo("token " + INSTALLATION_TOKEN)));
	}

	private static void stubApp() {
		github.server()
			.stubFor(get(urlPathEqualTo("/app"))
				.willReturn(FakeGitHub.json(200, """
						{"id":12345,"slug":"leakpath","node_id":"A_kwDOAAAwOQ","name":"leakpath",
						 "owner":{"login":"acme","id":7001,"type":"Organization"},
						 "permissions":{"secret_scanning_alerts":"read","metadata":"read"},"events":[],
						 "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}""")));
		github.server()
			.stubFor(get(urlPathEqualTo("/app/installations/777"))
				.willReturn(FakeGitHub.json(200, """
						{"id":777,"app_id":12345,"app_slug":"leakpath","target_id":7001,"target_type":"Organization",
						 "account":{"login":"acme","id":7001,"type":"Organization"},
						 "access_tokens_url":"%s/app/installations/777/access_tokens",
						 "repository_selection":"all","permissions":{"secret_scanning_alerts":"read","metadata":"read"},
						 "events":[],"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"""
					.formatted(github.baseUrl()))));
		github.server()
			.stubFor(post(urlPathEqualTo("/app/installations/777/access_tokens"))
				.willReturn(FakeGitHub.json(201, """
						{"token":"%s","expires_at":"2099-01-01T00:00:00Z",
						 "permissions":{"secret_scanning_alerts":"read","metadata":"read"},"repository_selection":"all"}"""
					.formatted(INSTALLATION_TOKEN))));
	}

	private static String privateKeyFile() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
			Path file = Files.createTempFile("leakpath-app-key", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem);
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
