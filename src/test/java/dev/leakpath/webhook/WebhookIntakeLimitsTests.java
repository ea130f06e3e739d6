package dev.leakpath.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.RawHttp;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres.TableLock;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The intake's bounds (body size, bodies read at once, queued inserts) over real sockets, small for speed. */
@TestPropertySource(properties = { "leakpath.webhooks.max-body-size=64KB", "leakpath.webhooks.max-concurrent-bodies=4",
		"leakpath.webhooks.max-queued-deliveries=8", "leakpath.webhooks.intake-timeout=PT5S" })
class WebhookIntakeLimitsTests extends IntegrationTest {

	private static final int MAX_BODY = 64 * 1024;

	private static final int CONCURRENT_INSERTS = 4;

	private static final Duration ANSWER = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final TestOrganization org = new TestOrganization();

	@LocalServerPort
	private int port;

	@Test
	void deliveryWhenUnsignedThen401BeforeTheBodyIsSent() {
		try (RawHttp connection = RawHttp.connect(port)) {
			connection.send(RawHttp.head("POST /webhooks/github HTTP/1.1", "Content-Type: application/json",
					"X-GitHub-Event: secret_scanning_alert", "X-GitHub-Delivery: d-unsigned", "Content-Length: 1000"));

			assertThat(connection.status(ANSWER)).isEqualTo(401);
			assertThat(connection.closedWithin(ANSWER)).isTrue();
		}
	}

	@Test
	void deliveryWhenDeclaredOrChunkedOverTheCapThen413BeforeTheRestIsRead() {
		try (RawHttp declared = RawHttp.connect(port)) {
			declared.send(signedHead("d-declared", "Content-Length: " + 24 * 1024 * 1024));
			assertThat(declared.status(ANSWER)).isEqualTo(413);
		}
		try (RawHttp chunked = RawHttp.connect(port)) {
			chunked.send(signedHead("d-chunked", "Transfer-Encoding: chunked"));
			// one chunk more than the cap, then nothing: the answer must not wait for the rest
			for (int sent = 0; sent <= MAX_BODY; sent += 8192) {
				chunked.send("2000\r\n" + " ".repeat(8192) + "\r\n");
			}
			assertThat(chunked.status(ANSWER)).isEqualTo(413);
			assertThat(chunked.received()).containsIgnoringCase("Connection: close");
			assertThat(chunked.closedWithin(ANSWER)).isTrue();
		}
		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void bodiesWhenAsManyAreBeingReadAsAllowedThenTheNextGets503UnreadAndLivenessStaysFast() throws Exception {
		List<RawHttp> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				RawHttp reading = RawHttp.connect(port);
				reading.send(signedHead("d-slow-" + i, "Content-Length: 1000"));
				reading.send("{\"action\":");
				slow.add(reading);
			}
			await().atMost(ANSWER).untilAsserted(() -> {
				try (RawHttp next = RawHttp.connect(port)) {
					next.send(signedHead("d-next", "Content-Length: 1000"));
					assertThat(next.status(Duration.ofSeconds(1))).isEqualTo(503);
					assertThat(next.received()).contains("Retry-After: 10");
				}
			});
			assertThat(livenessTime()).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			slow.forEach(RawHttp::close);
		}
	}

	@Test
	void oversizedBadlySignedBodiesWhenSentTogetherThenEach413Or503AndLivenessStaysFast() throws Exception {
		byte[] body = " ".repeat(4 * MAX_BODY).getBytes(StandardCharsets.UTF_8);
		List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 60)
			.mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/github"))
				.header("X-GitHub-Event", "secret_scanning_alert").header("X-GitHub-Delivery", "d-flood-" + i)
				.header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
				// an input stream of unknown length is sent chunked: no Content-Length to refuse it by
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString()).exceptionally(ex -> null))
			.toList();

		Duration liveness = livenessTime();
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();

		List<Integer> statuses = answers.stream().map(CompletableFuture::join)
			.map(answer -> answer == null ? -1 : answer.statusCode()).toList();
		// a connection the server closed while the client still sent is no answer at all, never a 500
		assertThat(statuses).allMatch(status -> status == 413 || status == 503 || status == -1)
			.contains(413);
		// a probe's own budget: Kubernetes's default timeout is 1 s, and the flood shares two cores with it
		assertThat(liveness).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void deliveriesWhenTheQueueIsFullThen503WithRetryAfterAndTheQueuedOnesStored() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
		try (TableLock lock = postgres.lock("webhook_delivery", "share")) {
			occupyInserts();
			for (int i = 0; i < 8; i++) {
				queued.add(deliver("d-queued-" + i, "created"));
			}
			await().atMost(ANSWER).until(this::queuedDeliveries, count -> count == 8);

			HttpResponse<String> refused = deliver("d-refused", "created").get();
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
			assertThat(refused.body()).contains("Too many deliveries wait to be stored");
		}
		assertThat(queued.stream().map(answer -> answer.join().statusCode())).containsOnly(202);
		// the four being inserted are stored too, whatever their senders were told by their intake timeout
		assertThat(postgres.count("select count(*) from webhook_delivery")).isEqualTo(12);
	}

	@Test
	void deliveryWhenItsSenderGaveUpWhileQueuedThenItIsNotStored() throws Exception {
		try (TableLock lock = postgres.lock("webhook_delivery", "share")) {
			occupyInserts();
			HttpResponse<String> timedOut = deliver("d-given-up", "created").get();
			assertThat(timedOut.statusCode()).isEqualTo(503);
			assertThat(queuedDeliveries()).isZero();
		}
		// one queued after it: had the given-up one stayed queued, it would be stored first (the four being
		// inserted are stored whatever their senders were told: an insert under way cannot be recalled)
		assertThat(deliver("d-after", "created").get().statusCode()).isEqualTo(202);
		assertThat(postgres.rows("select delivery_id from webhook_delivery")).containsExactlyInAnyOrder("d-first-1",
				"d-first-2", "d-first-3", "d-first-4", "d-after");
	}

	@Test
	void deliveryWhenAFieldHasNulThen400AndNothingStored() throws Exception {
		HttpResponse<String> answer = deliver("d-nul", "created\u0000").get();

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("the action contains a NUL character");
		assertThat(postgres.count("select count(*) from webhook_delivery")).isZero();
	}

	@Test
	void deliveryWhenTheDatabaseRefusesItsRowThenOnlyItFailsAndItsBatchIsStored() throws Exception {
		postgres.execute("alter table webhook_delivery add constraint test_refused check (delivery_id <> 'd-poison')");
		try {
			List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
			CompletableFuture<HttpResponse<String>> poison;
			try (TableLock lock = postgres.lock("webhook_delivery", "share")) {
				occupyInserts();
				for (int i = 0; i < 3; i++) {
					batch.add(deliver("d-good-" + i, "created"));
				}
				poison = deliver("d-poison", "created");
				for (int i = 3; i < 6; i++) {
					batch.add(deliver("d-good-" + i, "created"));
				}
				// the seven wait together, and are inserted by one statement when the lock goes
				await().atMost(ANSWER).until(this::queuedDeliveries, count -> count == 7);
			}
			assertThat(batch.stream().map(answer -> answer.join().statusCode())).containsOnly(202);
			assertThat(poison.get().statusCode()).isEqualTo(400);
			assertThat(postgres.count("select count(*) from webhook_delivery where delivery_id like 'd-good-%'"))
				.isEqualTo(6);
		}
		finally {
			postgres.execute("alter table webhook_delivery drop constraint test_refused");
		}
	}

	/** Four deliveries, one per concurrent insert, each waiting for the lock. */
	private List<CompletableFuture<HttpResponse<String>>> occupyInserts() {
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 1; i <= CONCURRENT_INSERTS; i++) {
			answers.add(deliver("d-first-" + i, "created"));
			long inserts = i;
			await().atMost(ANSWER).until(() -> postgres.waitingStatements("insert into webhook_delivery") == inserts);
		}
		return answers;
	}

	private CompletableFuture<HttpResponse<String>> deliver(String deliveryId, String action) {
		byte[] body = GitHubWebhookPayloads.alertEvent(action, org.openAlert("api", 1, Instant.parse("2026-11-20T09:00:00Z")),
				org.repositories().get(0)).toString().getBytes(StandardCharsets.UTF_8);
		return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/github"))
			.header("Content-Type", "application/json").header("X-GitHub-Event", "secret_scanning_alert")
			.header("X-GitHub-Delivery", deliveryId)
			.header("X-Hub-Signature-256", GitHubTestSignature.sign(WEBHOOK_SECRET, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String signedHead(String deliveryId, String lengthHeader) {
		return RawHttp.head("POST /webhooks/github HTTP/1.1", "Content-Type: application/json",
				"X-GitHub-Event: secret_scanning_alert", "X-GitHub-Delivery: " + deliveryId,
				"X-Hub-Signature-256: sha256=" + "0".repeat(64), lengthHeader);
	}

	private long queuedDeliveries() {
		String metrics = web.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult()
			.getResponseBody();
		Matcher queued = Pattern.compile("(?m)^leakpath_webhook_intake_queued(\\{[^}]*})? ([0-9.]+)").matcher(metrics);
		return queued.find() ? (long) Double.parseDouble(queued.group(2)) : -1;
	}

	/** A probe of its own, on a connection of its own, as an orchestrator's is. */
	private Duration livenessTime() throws Exception {
		HttpClient probe = HttpClient.newHttpClient();
		long start = System.nanoTime();
		HttpResponse<String> answer = probe.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
