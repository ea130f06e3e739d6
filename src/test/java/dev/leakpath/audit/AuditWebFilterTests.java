package dev.leakpath.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.RawHttp;
import dev.leakpath.testsupport.TestPostgres.TableLock;

import org.springframework.boot.test.web.server.LocalServerPort;

/** When the audit record is written, seen from real clients while PostgreSQL holds the insert back. */
class AuditWebFilterTests extends IntegrationTest {

	private static final String SAVED_QUERY = """
			{"name": "Mine", "query": {"source": {"family": "repository"}}}""";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Test
	void changeWhenAnsweredThenItsRecordIsAlreadyStored() throws Exception {
		CompletableFuture<HttpResponse<String>> answer;
		try (TableLock lock = postgres.lock("audit_event", "share")) {
			answer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + port + "/api/v1/explorer/saved"))
				.header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(SAVED_QUERY)).build(), HttpResponse.BodyHandlers.ofString());
			await().atMost(WAIT).until(() -> postgres.waitingStatements("insert into audit_event") == 1);

			assertThat(answer).isNotDone();
		}
		assertThat(answer.get().statusCode()).isEqualTo(201);
		assertThat(postgres.rows("select method || ' ' || path || ' ' || status from audit_event"))
			.containsExactly("POST /api/v1/explorer/saved 201");
	}

	@Test
	void changeWhenTheClientLeavesBeforeTheAnswerThenRecordedWithoutStatus() {
		try (TableLock lock = postgres.lock("explorer_saved_query", "share")) {
			try (RawHttp leaving = RawHttp.connect(port)) {
				leaving.send(RawHttp.head("POST /api/v1/explorer/saved HTTP/1.1", "Authorization: Bearer " + API_TOKEN,
						"Content-Type: application/json", "Content-Length: " + SAVED_QUERY.length()) + SAVED_QUERY);
				await().atMost(WAIT).until(() -> postgres.waitingStatements("insert into explorer_saved_query") == 1);
			}
			// no answer to wait for: the record is written as the server notices the client has gone, while the
			// change itself still waits for the lock (released before that, the change could finish first)
			await().atMost(WAIT).until(() -> postgres.rows(
					"select method || ' ' || path || ' ' || coalesce(cast(status as text), 'no status') from audit_event"),
					rows -> rows.equals(List.of("POST /api/v1/explorer/saved no status")));
		}
	}

}
