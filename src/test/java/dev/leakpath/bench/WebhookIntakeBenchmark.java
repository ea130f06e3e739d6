package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.TestPostgres;
import dev.leakpath.webhook.github.GitHubTestSignature;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Posts signed GitHub deliveries to a running leakpath over real HTTP and prints:
 * <ul>
 * <li>PostgreSQL's own single-row insert rate here (autocommit JDBC, 1 and {@value #SENDERS} clients);</li>
 * <li>latency p50/p99 of the durable 202 at a fixed {@value #FIXED_RATE} deliveries/s;</li>
 * <li>sustained deliveries/s with {@value #SENDERS} senders, and its ratio to the insert rate (target ≥ 0.5);</li>
 * <li>webhook-to-visible latency p95: intake to the alert stored and the delivery done (target &lt; 2 s).</li>
 * </ul>
 * Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class WebhookIntakeBenchmark {

	private static final String ORG = "bench-org";

	private static final long ORG_ID = 4242;

	private static final String SECRET = "bench-webhook-secret";

	private static final int REPOSITORIES = 20;

	private static final int FIXED_RATE = 1_000;

	private static final Duration FIXED_RATE_RUN = Duration.ofSeconds(10);

	/** The rate of the end-to-end run, where the worker re-reads and stores every alert on the same 2 cores. */
	private static final int VISIBLE_RATE = 200;

	private static final Duration SUSTAINED_RUN = Duration.ofSeconds(10);

	private static final int BACKLOG = 5_000;

	private static final int SENDERS = 32;

	private static final int INSERT_SAMPLE = 10_000;

	/** Deliveries signed up front for the sustained run, so that the generator's work does not slow the server. */
	private static final int SUSTAINED_DELIVERIES = 60_000;

	private WebhookIntakeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get().sibling("webhook_bench");
		FakeGitHub github = FakeGitHub.start();
		github.reset();
		stubAlerts(github);
		HttpClient http = HttpClient.create(ConnectionProvider.builder("webhook-bench")
			.maxConnections(2 * SENDERS)
			.pendingAcquireMaxCount(-1)
			.build());
		Deliveries deliveries = new Deliveries();
		double singleClientInserts = insertRate(postgres, 1);
		double concurrentInserts = insertRate(postgres, SENDERS);

		LatencyRun fixed;
		SustainedRun sustained;
		// 1. intake alone, as an instance with leakpath.webhooks.worker.enabled=false runs
		try (ConfigurableApplicationContext app = start(postgres, github, false)) {
			URI endpoint = endpoint(app);
			warmUp(http, endpoint, deliveries);
			fixed = fixedRate(http, endpoint, deliveries.take(FIXED_RATE * (int) FIXED_RATE_RUN.toSeconds()), FIXED_RATE);
			sustained = sustained(http, endpoint, deliveries);
		}
		// a backlog of distinct alerts for the worker of the second run, the rest counts as processed
		postgres.execute("update webhook_delivery set status = 'done', processed_at = now() where id <= "
				+ "(select max(id) from webhook_delivery) - " + BACKLOG);

		LatencyRun moderate;
		Duration drained;
		double[] visible;
		// 2. intake and worker together: every delivery is read again from the fake GitHub and stored
		Duration backlogDrained;
		try (ConfigurableApplicationContext app = start(postgres, github, true)) {
			backlogDrained = awaitDrained(postgres);
			URI endpoint = endpoint(app);
			warmUp(http, endpoint, deliveries);
			awaitDrained(postgres);
			Instant since = Instant.now();
			moderate = fixedRate(http, endpoint, deliveries.take(VISIBLE_RATE * (int) FIXED_RATE_RUN.toSeconds()),
					VISIBLE_RATE);
			drained = awaitDrained(postgres);
			visible = visibleLatency(postgres, since);
		}

		System.out.printf("%nWebhook intake benchmark (GitHub deliveries of about %d bytes, this machine: %d cores)%n",
				deliveries.averageSize(), Runtime.getRuntime().availableProcessors());
		System.out.printf("  PostgreSQL (%s)   fsync=%s, synchronous_commit=%s%n",
				System.getenv("LEAKPATH_TEST_PG_URL") == null ? "embedded, for tests" : "LEAKPATH_TEST_PG_URL",
				postgres.rows("show fsync").get(0), postgres.rows("show synchronous_commit").get(0));
		System.out.printf("  PostgreSQL single-row inserts/s, 1 client       %.0f%n", singleClientInserts);
		System.out.printf("  PostgreSQL single-row inserts/s, %d clients     %.0f%n", SENDERS, concurrentInserts);
		System.out.println("  intake only (worker off):");
		System.out.printf("    fixed %d/s for %ds: sent %d, 202 %d%n", FIXED_RATE, FIXED_RATE_RUN.toSeconds(), fixed.sent(),
				fixed.accepted());
		System.out.printf("    durable 202 latency at %d/s                p50 %.1f ms, p99 %.1f ms%n", FIXED_RATE,
				fixed.percentile(50), fixed.percentile(99));
		System.out.printf("    sustained durable 202/s, %d senders          %.0f (%d in %d ms, %d not 202)%n", SENDERS,
				sustained.perSecond(), sustained.accepted(), sustained.elapsed().toMillis(), sustained.failed());
		System.out.printf("    intake / PostgreSQL inserts, 1 client         %.2f (target >= 0.5)%n",
				sustained.perSecond() / singleClientInserts);
		System.out.printf("    intake / PostgreSQL inserts, %d clients      %.2f%n", SENDERS,
				sustained.perSecond() / concurrentInserts);
		System.out.println("  intake and worker (re-read from WireMock GitHub, stored):");
		System.out.printf("    fixed %d/s for %ds: sent %d, 202 %d, 202 latency p50 %.1f ms, p99 %.1f ms%n", VISIBLE_RATE,
				FIXED_RATE_RUN.toSeconds(), moderate.sent(), moderate.accepted(), moderate.percentile(50),
				moderate.percentile(99));
		System.out.printf("    inbox drained                                 %d ms after the last delivery%n",
				drained.toMillis());
		System.out.printf("    webhook to API-visible (intake to stored)     p50 %.0f ms, p95 %.0f ms (target < 2000)%n",
				visible[0], visible[1]);
		System.out.printf("    worker on a backlog of %d alerts              %d ms, %.0f alerts/s re-read and stored%n",
				BACKLOG, backlogDrained.toMillis(), BACKLOG * 1000.0 / backlogDrained.toMillis());
		github.stop();
	}

	private static ConfigurableApplicationContext start(TestPostgres postgres, FakeGitHub github, boolean worker) {
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.github.token=bench-token", "--leakpath.github.organizations=" + ORG,
				"--leakpath.github.api-url=" + github.baseUrl(), "--leakpath.github.webhook-secret=" + SECRET,
				"--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef", "--logging.level.dev.leakpath=warn",
				"--leakpath.webhooks.worker.enabled=" + worker));
		return new SpringApplicationBuilder(LeakpathApplication.class).run(arguments.toArray(String[]::new));
	}

	private static URI endpoint(ConfigurableApplicationContext app) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + "/webhooks/github");
	}

	/** Autocommit single-row inserts of a delivery-sized row, from {@code clients} connections at once. */
	private static double insertRate(TestPostgres postgres, int clients) throws Exception {
		try (Connection setup = connect(postgres); Statement statement = setup.createStatement()) {
			statement.execute("drop table if exists bench_insert");
			statement.execute("create table bench_insert (id bigserial primary key, provider text not null, "
					+ "delivery_id text not null, scope text not null, received_at timestamptz not null default now(), "
					+ "unique (provider, delivery_id))");
		}
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		long started = System.nanoTime();
		List<CompletableFuture<Void>> workers = new ArrayList<>();
		for (int client = 0; client < clients; client++) {
			workers.add(CompletableFuture.runAsync(() -> {
				try (Connection connection = connect(postgres);
						PreparedStatement insert = connection.prepareStatement(
								"insert into bench_insert (provider, delivery_id, scope) values ('github', ?, 'bench-org') "
										+ "on conflict do nothing")) {
					for (int row = next.getAndIncrement(); row < INSERT_SAMPLE; row = next.getAndIncrement()) {
						insert.setString(1, "delivery-" + row);
						insert.executeUpdate();
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, pool));
		}
		CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
		double rate = INSERT_SAMPLE * 1e9 / (System.nanoTime() - started);
		pool.shutdown();
		try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
			statement.execute("drop table bench_insert");
		}
		return rate;
	}

	private static void warmUp(HttpClient http, URI endpoint, Deliveries deliveries) {
		List<CompletableFuture<Integer>> sent = new ArrayList<>();
		for (int index = 0; index < 2_000; index++) {
			sent.add(send(http, endpoint, deliveries.next()));
			if (sent.size() == SENDERS) {
				sent.forEach(CompletableFuture::join);
				sent.clear();
			}
		}
		sent.forEach(CompletableFuture::join);
	}

	private static LatencyRun fixedRate(HttpClient http, URI endpoint, List<Delivery> prepared, int rate) {
		int total = prepared.size();
		long[] latencies = new long[total];
		AtomicInteger accepted = new AtomicInteger();
		List<CompletableFuture<Void>> sent = new ArrayList<>(total);
		long period = 1_000_000_000L / rate;
		long started = System.nanoTime();
		for (int index = 0; index < total; index++) {
			long due = started + index * period;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int slot = index;
			// latency counts from when the delivery was due, so a slow sender cannot hide queueing
			sent.add(send(http, endpoint, prepared.get(slot)).thenAccept(status -> {
				latencies[slot] = System.nanoTime() - due;
				if (status == 202) {
					accepted.incrementAndGet();
				}
			}));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		return new LatencyRun(total, accepted.get(), latencies);
	}

	private static SustainedRun sustained(HttpClient http, URI endpoint, Deliveries deliveries) throws InterruptedException {
		List<Delivery> prepared = deliveries.take(SUSTAINED_DELIVERIES);
		AtomicInteger next = new AtomicInteger();
		AtomicLong accepted = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long deadline = System.nanoTime() + SUSTAINED_RUN.toNanos();
		long started = System.nanoTime();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		for (int sender = 0; sender < SENDERS; sender++) {
			senders.execute(() -> {
				for (int index = next.getAndIncrement(); index < prepared.size() && System.nanoTime() < deadline;
						index = next.getAndIncrement()) {
					int status = send(http, endpoint, prepared.get(index)).join();
					(status == 202 ? accepted : failed).incrementAndGet();
				}
			});
		}
		senders.shutdown();
		senders.awaitTermination(1, TimeUnit.MINUTES);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		return new SustainedRun(accepted.get(), failed.get(), elapsed);
	}

	/** Completes with the response status. */
	private static CompletableFuture<Integer> send(HttpClient http, URI endpoint, Delivery delivery) {
		return http.headers(headers -> headers.set("Content-Type", "application/json")
			.set("X-GitHub-Event", "secret_scanning_alert")
			.set("X-GitHub-Delivery", delivery.id())
			.set("X-Hub-Signature-256", delivery.signature()))
			.post()
			.uri(endpoint)
			.send(ByteBufFlux.fromInbound(Mono.just(delivery.body())))
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
			.toFuture();
	}

	private static Duration awaitDrained(TestPostgres postgres) throws InterruptedException {
		long started = System.nanoTime();
		while (postgres.count("select count(*) from webhook_delivery where status = 'pending'") > 0) {
			Thread.sleep(50);
		}
		long failed = postgres.count("select count(*) from webhook_delivery where status = 'failed'");
		if (failed > 0) {
			throw new IllegalStateException(failed + " deliveries failed: " + postgres
				.rows("select last_error from webhook_delivery where status = 'failed' limit 3"));
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/** p50 and p95 of received-to-done for the deliveries received since {@code since}, in ms. */
	private static double[] visibleLatency(TestPostgres postgres, Instant since) {
		String row = postgres.rows("select percentile_cont(0.5) within group (order by ms), "
				+ "percentile_cont(0.95) within group (order by ms) from (select extract(epoch from processed_at - received_at) "
				+ "* 1000 as ms from webhook_delivery where received_at >= '" + since + "') latencies").get(0);
		return Arrays.stream(row.split("\\|")).mapToDouble(Double::parseDouble).toArray();
	}

	private static Connection connect(TestPostgres postgres) throws SQLException {
		return TestPostgres.open(postgres.jdbcUrl(), postgres.user(), postgres.password());
	}

	/** Every alert of every repository answers with its own number, through WireMock's response templating. */
	private static void stubAlerts(FakeGitHub github) {
		ObjectNode location = GitHubPayloads.commitLocation(ORG, "service-0", "src/settings.yml", 3, 3, 7, 47,
				"e".repeat(40), "f".repeat(40));
		FakeSecrets secrets = new FakeSecrets(99);
		Instant updated = Instant.parse("2026-11-20T09:00:00Z");
		ObjectNode alert = GitHubWebhookPayloads.repositoryAlert(GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID,
				"service-0", 60_000, true, 1, "github_personal_access_token", "GitHub Personal Access Token",
				secrets.next("github_personal_access_token"), "open", null, "active", false, false,
				updated.minusSeconds(3600), updated, null, location, false)));
		String template = alert.toString().replace("\"number\":1,", "\"number\":{{request.pathSegments.[5]}},");
		github.server().stubFor(get(urlPathMatching("/repos/" + ORG + "/service-[0-9]+/secret-scanning/alerts/[0-9]+"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("X-RateLimit-Remaining", "4990")
				.withBody(template)
				.withTransformers("response-template")));
	}

	private record Delivery(String id, byte[] body, String signature) {
	}

	/** Deliveries about ever new alerts of {@value #REPOSITORIES} repositories, each signed. */
	private static final class Deliveries {

		private final List<ObjectNode> repositories = new ArrayList<>();

		private final AtomicInteger sequence = new AtomicInteger();

		private final AtomicLong bytes = new AtomicLong();

		private final FakeSecrets secrets = new FakeSecrets(5);

		private final ObjectNode alert;

		Deliveries() {
			for (int index = 0; index < REPOSITORIES; index++) {
				repositories.add(GitHubPayloads.fullRepository(ORG, ORG_ID, "service-" + index, 60_000 + index,
						index % 3 == 0 ? "public" : "private", false, "main"));
			}
			Instant updated = Instant.parse("2026-11-20T09:00:00Z");
			alert = GitHubPayloads.alert(new AlertSpec(ORG, ORG_ID, "service-0", 60_000, true, 1,
					"github_personal_access_token", "GitHub Personal Access Token",
					secrets.next("github_personal_access_token"), "open", null, "active", false, false,
					updated.minusSeconds(3600), updated, null, null, false));
		}

		Delivery next() {
			int index = sequence.incrementAndGet();
			ObjectNode event = GitHubWebhookPayloads.alertEvent("created", alert,
					repositories.get(index % REPOSITORIES));
			((ObjectNode) event.get("alert")).put("number", index / REPOSITORIES + 1);
			byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
			bytes.addAndGet(body.length);
			return new Delivery("bench-" + index, body, GitHubTestSignature.sign(SECRET, body));
		}

		List<Delivery> take(int count) {
			List<Delivery> taken = new ArrayList<>(count);
			for (int index = 0; index < count; index++) {
				taken.add(next());
			}
			return taken;
		}

		long averageSize() {
			return bytes.get() / Math.max(1, sequence.get());
		}

	}

	private record LatencyRun(int sent, int accepted, long[] latencies) {

		double percentile(int percent) {
			long[] sorted = latencies.clone();
			Arrays.sort(sorted);
			return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
		}

	}

	private record SustainedRun(long accepted, long failed, Duration elapsed) {

		double perSecond() {
			return accepted * 1000.0 / elapsed.toMillis();
		}

	}

}
