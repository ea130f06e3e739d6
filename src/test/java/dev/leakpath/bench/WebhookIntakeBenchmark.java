package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.GitHubWebhookPayloads;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Posts signed GitHub deliveries to a running leakpath over real HTTP, from a client in another JVM
 * ({@link WebhookLoadClient}), and prints:
 * <ul>
 * <li>latency p50/p95/p99 of the durable 202 at a fixed {@value #FIXED_RATE} deliveries/s;</li>
 * <li>at each of {@link #CONCURRENCY} senders: durable 202s/s and their latency, against PostgreSQL's own rate
 * of single-row autocommit inserts of the inbox row from as many clients, and the ratio of the two (target ≥
 * 0.5);</li>
 * <li>webhook-to-visible latency p95: intake to the alert stored and the delivery done (target &lt; 2 s).</li>
 * </ul>
 * Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class WebhookIntakeBenchmark {

	private static final int FIXED_RATE = 1_000;

	private static final int FIXED_RATE_SECONDS = 10;

	/** The rate of the end-to-end run, where the worker re-reads and stores every alert on the same 2 cores. */
	private static final int VISIBLE_RATE = 200;

	private static final int SUSTAINED_SECONDS = 10;

	/** Deliveries signed up front for each sustained run, more than it can send in its time. */
	private static final int SUSTAINED_DELIVERIES = 40_000;

	private static final int[] CONCURRENCY = { 1, 8, 32 };

	private static final int INSERTS = 10_000;

	/** Deliveries each client run sends unmeasured first. */
	private static final int WARM_UP = 2_000;

	private static final int BACKLOG = 5_000;

	private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);

	private static final List<String> CHILD_JVM = List.of("-Xmx1g", "-XX:+UseParallelGC");

	/** The next delivery index: every run sends new ones. */
	private static int nextDelivery = 1;

	private WebhookIntakeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get().sibling("webhook_bench");
		FakeGitHub github = FakeGitHub.start();
		try {
			github.reset();
			stubAlerts(github);
			run(postgres, github);
		}
		finally {
			github.stop();
		}
	}

	private static void run(TestPostgres postgres, FakeGitHub github) throws Exception {
		LoadResult fixed;
		Map<Integer, LoadResult> intake = new LinkedHashMap<>();
		// 1. intake alone, as an instance with leakpath.webhooks.worker.enabled=false runs
		try (ConfigurableApplicationContext app = start(postgres, github, false)) {
			URI endpoint = endpoint(app);
			for (int senders : CONCURRENCY) {
				intake.put(senders, send(endpoint, senders, SUSTAINED_SECONDS, SUSTAINED_DELIVERIES));
			}
			// last, on a server the runs above compiled: first, its latency was the JIT's
			fixed = rate(endpoint, FIXED_RATE, WARM_UP);
		}
		Map<Integer, LoadResult> inserts = new LinkedHashMap<>();
		postgres.execute("create table bench_inbox (like webhook_delivery including all)");
		for (int clients : CONCURRENCY) {
			postgres.execute("truncate bench_inbox");
			inserts.put(clients, insert(postgres, clients));
		}
		postgres.execute("drop table bench_inbox");
		// a backlog of distinct alerts for the worker of the second run, the rest counts as processed
		postgres.execute("update webhook_delivery set status = 'done', processed_at = now() where id <= "
				+ "(select max(id) from webhook_delivery) - " + BACKLOG);

		LoadResult moderate;
		Duration drained;
		Duration backlogDrained;
		double[] visible;
		// 2. intake and worker together: every delivery is read again from the fake GitHub and stored
		try (ConfigurableApplicationContext app = start(postgres, github, true)) {
			backlogDrained = awaitDrained(postgres);
			URI endpoint = endpoint(app);
			// warmed up, and the worker done with the warm-up, before the measured run
			send(endpoint, 32, 60, 0);
			awaitDrained(postgres);
			Instant since = Instant.now();
			moderate = rate(endpoint, VISIBLE_RATE, 0);
			drained = awaitDrained(postgres);
			visible = visibleLatency(postgres, since);
		}

		System.out.printf("%nWebhook intake benchmark (GitHub deliveries of about %d bytes, this machine: %d cores, "
				+ "client in its own JVM)%n", fixed.bodyBytes(), Runtime.getRuntime().availableProcessors());
		System.out.printf("  PostgreSQL (%s)   fsync=%s, synchronous_commit=%s%n",
				System.getenv("LEAKPATH_TEST_PG_URL") == null ? "embedded, for tests" : "LEAKPATH_TEST_PG_URL",
				postgres.rows("show fsync").get(0), postgres.rows("show synchronous_commit").get(0));
		System.out.println("  intake only (worker off):");
		System.out.printf("    fixed %d/s for %ds: sent %d, not 202 %d, durable 202 latency %s%n", FIXED_RATE,
				FIXED_RATE_SECONDS, fixed.completed(), fixed.failed(), fixed.latencies());
		System.out.println("    senders  intake 202/s (latency)                                 "
				+ "PostgreSQL inserts/s (latency)                          intake / inserts (target >= 0.5)");
		for (int senders : CONCURRENCY) {
			LoadResult in = intake.get(senders);
			LoadResult db = inserts.get(senders);
			System.out.printf("    %7d  %6.0f (%s)  %6.0f (%s)  %.2f%s%n", senders, in.perSecond(), in.latencies(),
					db.perSecond(), db.latencies(), in.perSecond() / db.perSecond(),
					in.failed() == 0 ? "" : "  (" + in.failed() + " not 202)");
		}
		System.out.println("  intake and worker (re-read from WireMock GitHub, stored):");
		System.out.printf("    fixed %d/s for %ds: sent %d, not 202 %d, 202 latency %s%n", VISIBLE_RATE,
				FIXED_RATE_SECONDS, moderate.completed(), moderate.failed(), moderate.latencies());
		System.out.printf("    inbox drained                                 %d ms after the last delivery%n",
				drained.toMillis());
		System.out.printf("    webhook to API-visible (intake to stored)     p50 %.0f ms, p95 %.0f ms (target < 2000)%n",
				visible[0], visible[1]);
		System.out.printf("    worker on a backlog of %d alerts              %d ms, %.0f alerts/s re-read and stored%n",
				BACKLOG, backlogDrained.toMillis(), BACKLOG * 1000.0 / backlogDrained.toMillis());
	}

	private static ConfigurableApplicationContext start(TestPostgres postgres, FakeGitHub github, boolean worker) {
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.github.token=bench-token", "--leakpath.github.organizations=" + WebhookDeliveries.ORG,
				"--leakpath.github.api-url=" + github.baseUrl(),
				"--leakpath.github.webhook-secret=" + WebhookDeliveries.SECRET,
				"--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef", "--logging.level.dev.leakpath=warn",
				"--leakpath.webhooks.worker.enabled=" + worker));
		return new SpringApplicationBuilder(LeakpathApplication.class).run(arguments.toArray(String[]::new));
	}

	private static URI endpoint(ConfigurableApplicationContext app) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + "/webhooks/github");
	}

	/** {@code senders} posting one delivery after another, for {@code seconds} or {@code count} deliveries. */
	private static LoadResult send(URI endpoint, int senders, int seconds, int count) throws Exception {
		LoadResult result = client("mode=send", "endpoint=" + endpoint, "concurrency=" + senders,
				"seconds=" + seconds, "first=" + nextDelivery, "warmup=" + WARM_UP, "count=" + count);
		nextDelivery += WARM_UP + count;
		return result;
	}

	private static LoadResult rate(URI endpoint, int perSecond, int warmUp) throws Exception {
		LoadResult result = client("mode=rate", "endpoint=" + endpoint, "rate=" + perSecond,
				"seconds=" + FIXED_RATE_SECONDS, "first=" + nextDelivery, "warmup=" + warmUp);
		nextDelivery += warmUp + perSecond * FIXED_RATE_SECONDS;
		return result;
	}

	private static LoadResult insert(TestPostgres postgres, int clients) throws Exception {
		return client("mode=insert", "url=" + postgres.jdbcUrl(), "user=" + postgres.user(),
				"password=" + postgres.password(), "table=bench_inbox", "concurrency=" + clients, "count=" + INSERTS);
	}

	private static LoadResult client(String... arguments) throws Exception {
		return ChildJvm.run(WebhookLoadClient.class, CHILD_JVM, List.of(arguments), CHILD_TIMEOUT)
			.stream()
			.filter(LoadResult::isResult)
			.map(LoadResult::parse)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the load client printed no result"));
	}

	private static Duration awaitDrained(TestPostgres postgres) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + Duration.ofMinutes(10).toNanos();
		while (postgres.count("select count(*) from webhook_delivery where status = 'pending'") > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the inbox did not drain within 10 minutes");
			}
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

	/** Every alert of every repository answers with its own number, through WireMock's response templating. */
	private static void stubAlerts(FakeGitHub github) {
		String org = WebhookDeliveries.ORG;
		ObjectNode location = GitHubPayloads.commitLocation(org, "service-0", "src/settings.yml", 3, 3, 7, 47,
				"e".repeat(40), "f".repeat(40));
		FakeSecrets secrets = new FakeSecrets(99);
		Instant updated = Instant.parse("2026-11-20T09:00:00Z");
		ObjectNode alert = GitHubWebhookPayloads.repositoryAlert(GitHubPayloads.alert(new AlertSpec(org,
				WebhookDeliveries.ORG_ID, "service-0", 60_000, true, 1, "github_personal_access_token",
				"GitHub Personal Access Token", secrets.next("github_personal_access_token"), "open", null, "active",
				false, false, updated.minusSeconds(3600), updated, null, location, false)));
		String template = alert.toString().replace("\"number\":1,", "\"number\":{{request.pathSegments.[5]}},");
		github.server().stubFor(get(urlPathMatching("/repos/" + org + "/service-[0-9]+/secret-scanning/alerts/[0-9]+"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("X-RateLimit-Remaining", "4990")
				.withBody(template)
				.withTransformers("response-template")));
	}

}
