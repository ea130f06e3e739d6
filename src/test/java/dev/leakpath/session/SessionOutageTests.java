package dev.leakpath.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.testsupport.ApplicationProcess;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.OidcProvider;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * While PostgreSQL cannot be reached a signed-in user's requests answer 503, as the API's do, not 500 with a
 * stack trace each; the session is not given up meanwhile (its cookie is kept), and works again once the database
 * is back.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionOutageTests {

	private static final TestPostgres database = TestPostgres.get().sibling("session_outage");

	private static final FakeGitHub github = FakeGitHub.start();

	private static final OidcProvider provider = OidcProvider.start();

	@AfterAll
	static void stop() {
		github.stop();
		provider.close();
	}

	@Test
	void requestWhenTheDatabaseIsDownThen503AndTheSessionWorksOnceItIsBack(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext app = ApplicationProcess.start(database, github, provider.arguments())) {
			WebTestClient web = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
				.build();
			String session = provider.signIn(web, "alice", Map.of("email", "alice@example.com", "groups",
					List.of(OidcProvider.ADMINS)));

			database.goDown();
			int logged = output.getAll().length();
			try {
				for (int request = 0; request < 5; request++) {
					FluxExchangeResult<String> me = web.get().uri("/api/v1/me").cookie("SESSION", session).exchange()
						.returnResult(String.class);
					assertThat(me.getStatus().value()).isEqualTo(503);
					assertThat(me.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
					assertThat(me.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
					assertThat(me.getResponseBody().blockFirst())
						.contains("\"detail\":\"The database cannot be reached; try again later\"");
					assertThat(me.getResponseCookies().get("SESSION")).as("the cookie is neither dropped nor replaced")
						.isNull();
				}
			}
			finally {
				database.comeBack();
			}
			String outage = output.getAll().substring(logged);
			assertThat(outage).doesNotContain("\tat ").doesNotContain(session);

			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
				.until(() -> web.get().uri("/api/v1/me").cookie("SESSION", session).exchange().returnResult(String.class)
					.getStatus().value() == 200);
		}
	}

}
