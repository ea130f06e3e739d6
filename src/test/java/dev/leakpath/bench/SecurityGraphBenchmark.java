package dev.leakpath.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.attackpath.AttackPathEvaluator;
import dev.leakpath.attackpath.AttackPathEvaluator.Evaluation;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Generates the data of {@link GraphBenchData} (1,000,000 alerts in 100,000 repositories, 500,000 distinct secrets,
 * 100,000 assets) and counts it, then prints: the full attack-path recompute, the incremental update after one alert
 * is resolved, p50/p95 over HTTP of every read the dashboard makes (src/main/resources/dashboard/app: each view with
 * each of its filters) against its goal, and the peak heap. The pom runs it in its own JVM with {@code -Xmx512m}, so
 * the heap figure is also a limit. Run with {@code ./mvnw -B -Pbench verify}; set {@code LEAKPATH_TEST_PG_URL} for a
 * durable server.
 */
public final class SecurityGraphBenchmark {

	private static final int SAMPLES = 40;

	/** Reads another engineer is rewriting: printed, not held to a goal yet. */
	private static final int UNJUDGED_SAMPLES = 5;

	private static final long LIST_GOAL = 100;

	private static final long EXPLORER_GOAL = 200;

	private static final String TOKEN = "bench-api-token";

	private SecurityGraphBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		TestPostgres postgres = TestPostgres.get().sibling("graph_bench");
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.api.tokens=" + TOKEN, "--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef",
				"--logging.level.dev.leakpath=warn"));
		int exit;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments.toArray(String[]::new))) {
			exit = run(app, postgres);
		}
		// the context is closed: nothing of the application holds the JVM, but the exit code tells the goals' outcome
		System.exit(exit);
	}

	private static int run(ConfigurableApplicationContext app, TestPostgres postgres) {
		long generating = System.nanoTime();
		GraphBenchData.generate(postgres);
		System.out.printf("Generated the security graph's data in %.1f s%n", seconds(generating));
		GraphBenchData.printShape(postgres);

		AttackPathEvaluator evaluator = app.getBean(AttackPathEvaluator.class);
		// as the application runs it: in the transaction of the change
		TransactionalOperator transaction = app.getBean(TransactionalOperator.class);
		long full = System.nanoTime();
		Evaluation first = transaction.transactional(evaluator.refreshAll()).block();
		System.out.printf("Full recompute, empty history: %.1f s (%,d paths opened)%n", seconds(full), first.opened());
		long again = System.nanoTime();
		Evaluation unchanged = transaction.transactional(evaluator.refreshAll()).block();
		System.out.printf("Full recompute, nothing changed: %.1f s (%,d updated)%n", seconds(again), unchanged.updated());
		System.out.printf("Open paths stored: %,d%n", postgres.count("select count(*) from attack_path where status = 'open'"));
		System.out.printf("Database size: %,d MB (%,d MB in alerts and locations, %,d MB in attack paths, "
				+ "%,d MB in notification events)%n", megabytes(postgres, "pg_database_size(current_database())"),
				megabytes(postgres, "pg_total_relation_size('alert') + pg_total_relation_size('alert_location')"),
				megabytes(postgres, "pg_total_relation_size('attack_path')"),
				megabytes(postgres, "pg_total_relation_size('notification_event')"));
		postgres.execute("analyze");
		incrementalUpdates(postgres, evaluator, transaction);

		ApiTimer api = new ApiTimer("http://localhost:" + app.getEnvironment().getProperty("local.server.port"), TOKEN);
		System.out.println("Reads of the dashboard (sequential, " + SAMPLES + " samples after 3 warm-ups):");
		dashboardReads(api, postgres);
		System.out.printf("Peak heap (sum of the heap pools' peaks): %d MB of %d MB max%n", peakHeapMegabytes(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));

		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		for (String export : List.of("/api/v1/alerts/export?format=csv", "/api/v1/alerts/export?format=sarif",
				"/api/v1/attack-paths/export?status=all")) {
			long started = System.nanoTime();
			long[] bytesAndLines = api.download(export);
			System.out.printf("GET %s: %,d MB, %,d lines, in %.1f s%n", export, bytesAndLines[0] / (1024 * 1024),
					bytesAndLines[1], seconds(started));
		}
		System.out.printf("Peak heap during the exports: %d MB%n", peakHeapMegabytes());
		System.out.println(api.misses().isEmpty() ? "Every read within its goal"
				: "Reads missing their goal: " + String.join("; ", api.misses()));
		return 0;
	}

	private static void incrementalUpdates(TestPostgres postgres, AttackPathEvaluator evaluator,
			TransactionalOperator transaction) {
		List<Long> incremental = new ArrayList<>();
		long resolvedPaths = 0;
		// alerts that alone put their secret on a path from their repository: resolving one resolves the path
		for (String row : postgres.rows("select alert_ids[1], secret_id from attack_path "
				+ "where status = 'open' and cardinality(alert_ids) = 1 order by id limit " + SAMPLES)) {
			String[] ids = row.split("\\|");
			postgres.execute("update alert set state = 'resolved', resolved_at = now() where id = " + ids[0]);
			long started = System.nanoTime();
			resolvedPaths += transaction.transactional(evaluator.refreshSecrets(List.of(Long.parseLong(ids[1]))))
				.block()
				.resolved();
			incremental.add(System.nanoTime() - started);
		}
		Collections.sort(incremental);
		System.out.printf("Incremental update after one alert is resolved (%d alerts, %d paths resolved): p50 %.1f ms, "
				+ "p95 %.1f ms%n", SAMPLES, resolvedPaths, incremental.get(SAMPLES / 2) / 1e6,
				incremental.get((int) Math.ceil(SAMPLES * 0.95) - 1) / 1e6);
	}

	/** Every read of src/main/resources/dashboard/app, each view with each of its filters. */
	private static void dashboardReads(ApiTimer api, TestPostgres postgres) {
		String repository = encode(postgres.rows("select r.full_name from attack_path p join repository r "
				+ "on r.id = p.repository_id where p.status = 'open' order by p.id limit 1").get(0));
		long alert = postgres.count("select min(id) from alert where state = 'open'");
		long path = api.read("/api/v1/attack-paths?limit=1").get("items").get(0).get("id").asLong();
		String cursor = encode(api.read("/api/v1/alerts?limit=100").get("nextCursor").asText());
		// sign-in and the overview
		api.get("/api/v1/me", SAMPLES, LIST_GOAL);
		api.get("/api/v1/alerts/summary?days=30", SAMPLES, LIST_GOAL);
		for (String risk : List.of("critical", "high", "medium", "low")) {
			api.get("/api/v1/attack-paths?risk=" + risk + "&limit=5", SAMPLES, LIST_GOAL);
		}
		// alerts
		for (String filter : List.of("", "&state=open", "&state=resolved", "&repository=" + repository,
				"&provider=azure_devops", "&validity=active", "&secretType=aws_access_key_id", "&cursor=" + cursor)) {
			api.get("/api/v1/alerts?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/alerts/" + alert, SAMPLES, LIST_GOAL);
		// attack paths
		for (String filter : List.of("", "&status=resolved", "&status=all", "&risk=critical", "&provider=azure_devops",
				"&provider=azure_devops&risk=high", "&repository=" + repository)) {
			api.get("/api/v1/attack-paths?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/attack-paths?status=all&limit=500", SAMPLES, LIST_GOAL);
		api.get("/api/v1/attack-paths/" + path, SAMPLES, LIST_GOAL);
		// secrets, ranked by the paths their rotation closes, and targets
		for (String filter : List.of("", "&targetKind=cloud_identity", "&exists=unknown")) {
			api.get("/api/v1/secrets?sort=pathsClosed&limit=50" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/secrets?limit=50", SAMPLES, LIST_GOAL);
		api.get("/api/v1/targets?limit=50", SAMPLES, LIST_GOAL);
		// inventory
		for (String filter : List.of("", "&cloud=aws", "&resourceType=Microsoft.Sql/servers")) {
			api.get("/api/v1/assets?limit=200" + filter, SAMPLES, LIST_GOAL);
		}
		// explorer
		api.get("/api/v1/explorer/templates", SAMPLES, LIST_GOAL);
		api.get("/api/v1/explorer/saved", SAMPLES, LIST_GOAL);
		for (JsonNode template : api.read("/api/v1/explorer/templates").get("items")) {
			api.post("POST /api/v1/explorer/query '" + template.get("id").asText() + "'", "/api/v1/explorer/query",
					template.get("query").toString(), SAMPLES, EXPLORER_GOAL);
		}
		// notifications and health
		for (String filter : List.of("", "&status=pending", "&channel=email")) {
			api.get("/api/v1/notifications?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/notifications/rules", SAMPLES, LIST_GOAL);
		api.get("/api/v1/sync", SAMPLES, LIST_GOAL);
		api.get("/api/v1/webhooks/deliveries?limit=20", SAMPLES, LIST_GOAL);
		api.get("/api/v1/webhooks/deliveries?status=failed&limit=50", SAMPLES, LIST_GOAL);
		// the overview's and the repositories view's recommendations, rewritten elsewhere: printed only
		for (String filter : List.of("?status=unhealthy&limit=5", "?limit=500", "?provider=azure_devops&limit=500",
				"?status=healthy&limit=500")) {
			api.get("/api/v1/recommendations" + filter, UNJUDGED_SAMPLES, null);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static long peakHeapMegabytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(usage -> usage.getUsed())
			.sum() / (1024 * 1024);
	}

	private static long megabytes(TestPostgres postgres, String sizeExpression) {
		return postgres.count("select (" + sizeExpression + ") / (1024 * 1024)");
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

}
