package dev.leakpath.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.OidcProvider;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Dashboard sessions live in the database: every instance on the database knows them (no sticky load balancing),
 * they outlive a restart, and they still expire. (Each instance costs a start-up, so the sharing and the restart
 * are one scenario.)
 */
class SharedSessionTests {

	private static final OidcProvider provider = OidcProvider.start();

	/** An ID token as Keycloak's look, with a nested object, so that the whole security context must come back. */
	private static final Map<String, Object> ALICE = Map.of("email", "alice@example.com", "groups",
			List.of(OidcProvider.ADMINS), "realm_access", Map.of("roles", List.of("offline_access")));

	private final TestPostgres postgres = TestPostgres.get();

	private final FakeGitHub github = FakeGitHub.start();

	@BeforeEach
	void noSessions() {
		postgres.truncateAll();
	}

	@AfterEach
	void stopGitHub() {
		github.stop();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@Test
	void signInOnOneInstanceThenTheOtherAndEveryInstanceStartedLaterKnowTheSession() throws Exception {
		String session;
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			session = provider.signIn(client(first), "alice", ALICE);

			assertThat(callerName(second, session)).isEqualTo("oidc:alice@example.com");
		}

		// every instance that knew it is gone: only the database still has the session
		try (ConfigurableApplicationContext restarted = start()) {
			FluxExchangeResult<JsonNode> me = client(restarted).get().uri("/api/v1/me").cookie("SESSION", session)
				.exchange().returnResult(JsonNode.class);
			assertThat(me.getStatus().value()).isEqualTo(200);
			JsonNode caller = me.getResponseBody().blockFirst();
			assertThat(caller.get("name").asText()).isEqualTo("oidc:alice@example.com");
			assertThat(caller.get("roles").toString()).isEqualTo("[\"viewer\",\"triager\",\"admin\"]");

			// and signing out there ends it
			String csrf = me.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
			client(restarted).post().uri("/logout").cookie("SESSION", session).cookie("XSRF-TOKEN", csrf)
				.header("X-XSRF-TOKEN", csrf).exchange().expectStatus().isFound();
			client(restarted).get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus()
				.isUnauthorized();
		}
	}

	@Test
	void timeoutWhenPassedThenTheSessionIsRefusedAndTheCleanupDeletesIt() throws Exception {
		try (ConfigurableApplicationContext app = start("--server.reactive.session.timeout=5s",
				"--leakpath.sessions.cleanup-interval=PT0.2S")) {
			String session = provider.signIn(client(app), "alice", ALICE);
			assertThat(callerName(app, session)).isEqualTo("oidc:alice@example.com");
			assertThat(postgres.count("select count(*) from web_session")).isOne();

			// no request meanwhile: each would keep the session alive
			await().atMost(Duration.ofSeconds(30)).until(() -> postgres.count("select count(*) from web_session") == 0);

			client(app).get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
		}
	}

	private ConfigurableApplicationContext start(String... overrides) {
		List<String> arguments = new ArrayList<>(provider.arguments());
		arguments.addAll(List.of(overrides));
		return ApplicationProcess.start(postgres, github, arguments);
	}

	private static String callerName(ConfigurableApplicationContext app, String session) {
		return client(app).get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("name").asText();
	}

	private static WebTestClient client(ConfigurableApplicationContext app) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
			.build();
	}

}
