package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.testsupport.ApplicationTest;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application on a database of its own, which this test takes away and brings back. */
@ApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageApiTests {

	private static final TestPostgres database = TestPostgres.get().sibling("api_outage");

	private static final FakeGitHub github = FakeGitHub.start();

	private static final List<String> CALLS = List.of("/api/v1/alerts", "/api/v1/alerts/summary",
			"/api/v1/repositories?organization=acme", "/api/v1/attack-paths", "/api/v1/assets", "/api/v1/audit");

	@Autowired
	private WebTestClient web;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("leakpath.github.api-url", github::baseUrl);
	}

	@Test
	void listWhenDatabaseIsDownThen503WithRetryAfterAndALogLineOrTwoThen200OnceItIsBack(CapturedOutput output) {
		CALLS.forEach(call -> get(call).expectStatus().isOk());

		database.goDown();
		int logged = output.getAll().length();
		try {
			for (int round = 0; round < 5; round++) {
				CALLS.forEach(call -> get(call).expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals(HttpHeaders.RETRY_AFTER, "10")
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody()
					.jsonPath("$.title")
					.isEqualTo("Service unavailable")
					.jsonPath("$.detail")
					.isEqualTo("The database cannot be reached; try again later"));
			}
		}
		finally {
			database.comeBack();
		}
		List<String> outage = output.getAll().substring(logged).lines().toList();
		assertThat(apiLogLines(outage)).as("30 failed requests, one or two kinds of failure").hasSizeBetween(1, 3);

		// the pool reconnects
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
			.until(() -> CALLS.stream().allMatch(call -> get(call).returnResult(String.class).getStatus().value() == 200));
	}

	/**
	 * The API's log lines with any stack trace under them. Other loggers' records are left out: the connection
	 * pool's own "onErrorDropped" report of a failed validation, for one, comes when a background loop's
	 * connection attempt races the outage, and is not the API's logging.
	 */
	private static List<String> apiLogLines(List<String> lines) {
		List<String> api = new ArrayList<>();
		boolean inApiRecord = false;
		for (String line : lines) {
			boolean record = line.matches("^\\d{4}-\\d{2}-\\d{2}T.*");
			if (record) {
				inApiRecord = line.contains("dev.leakpath.api");
			}
			if (inApiRecord && (record || line.startsWith("\tat "))) {
				api.add(line);
			}
		}
		return api;
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return web.get().uri(uri).headers(headers -> headers.setBearerAuth(IntegrationTest.API_TOKEN)).exchange();
	}

}
