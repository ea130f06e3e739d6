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
import reactor.core.publisher.Mono;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.attackpath.AssetMatching;
import dev.leakpath.attackpath.AttackPathEvaluator;
import dev.leakpath.attackpath.AttackPathEvaluator.Evaluation;
import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.risk.FindingRisk;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
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

	/** What missed its goal, beyond the reads ApiTimer judges. */
	private static final List<String> MISSES = new ArrayList<>();

	private static final long LIST_GOAL = 100;

	private static final long EXPLORER_GOAL = 200;

	/** The remediation report reads the window's resolved alerts, not kept counts: a report, not a list. */
	private static final long REPORT_GOAL = 1000;

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
		AssetMatching matching = app.getBean(AssetMatching.class);
		FindingRisk risk = app.getBean(FindingRisk.class);
		// as the application runs it: in the transaction of the change
		TransactionalOperator transaction = app.getBean(TransactionalOperator.class);
		DatabaseClient db = app.getBean(DatabaseClient.class);
		fullRecompute("empty history", db, transaction, matching, evaluator, risk);
		fullRecompute("nothing changed", db, transaction, matching, evaluator, risk);
		System.out.printf("Kept risk rows: %,d alerts, %,d secrets, %,d repositories, %,d targets%n",
				postgres.count("select count(*) from alert_risk"), postgres.count("select count(*) from secret_risk"),
				postgres.count("select count(*) from repository_risk"), postgres.count("select count(*) from target_risk"));
		System.out.printf("Open paths stored: %,d%n", postgres.count("select count(*) from attack_path where status = 'open'"));
		System.out.printf("Database size: %,d MB (%,d MB in alerts and locations, %,d MB in attack paths, "
				+ "%,d MB in notification events)%n", megabytes(postgres, "pg_database_size(current_database())"),
				megabytes(postgres, "pg_total_relation_size('alert') + pg_total_relation_size('alert_location')"),
				megabytes(postgres, "pg_total_relation_size('attack_path')"),
				megabytes(postgres, "pg_total_relation_size('notification_event')"));
		// as autovacuum leaves tables after such a load: visible pages marked, so counts can read indexes alone
		postgres.execute("vacuum analyze");
		incrementalUpdates(postgres, app.getBean(GraphMaintenance.class), transaction);

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
		MISSES.addAll(api.misses());
		System.out.println(MISSES.isEmpty() ? "Every read and the full recompute within its goal"
				: "Missing their goal: " + String.join("; ", MISSES));
		return 0;
	}

	/**
	 * What an inventory change costs, as {@code GraphRecompute} runs it in one transaction: every secret
	 * re-matched, every path evaluated, every finding re-scored; the goal is under 60 s.
	 */
	private static void fullRecompute(String label, DatabaseClient db, TransactionalOperator transaction,
			AssetMatching matching, AttackPathEvaluator evaluator, FindingRisk risk) {
		long[] parts = new long[3];
		long started = System.nanoTime();
		Evaluation paths = transaction.transactional(Mono.defer(() -> {
			long matched = System.nanoTime();
			// as GraphRecompute sets it (leakpath.graph.recompute-work-mem)
			return db.sql("select set_config('work_mem', '256MB', true)").fetch().rowsUpdated().then(matching.matchAll())
				.doOnSuccess(ignored -> parts[0] = System.nanoTime() - matched)
				.then(Mono.defer(() -> {
					long evaluated = System.nanoTime();
					return evaluator.refreshAll().doOnSuccess(ignored -> parts[1] = System.nanoTime() - evaluated);
				}))
				.flatMap(evaluation -> {
					long scored = System.nanoTime();
					return risk.refreshAll().then(Mono.fromRunnable(() -> parts[2] = System.nanoTime() - scored))
						.thenReturn(evaluation);
				});
		})).block();
		double total = seconds(started);
		System.out.printf("Full recompute, %s: %.1f s (goal < 60 s%s): re-match %.1f s, attack paths %.1f s "
				+ "(%,d opened, %,d updated, %,d resolved), risk of every alert, secret, repository and target %.1f s%n",
				label, total, total < 60 ? "" : ", MISSED", parts[0] / 1e9, parts[1] / 1e9, paths.opened(), paths.updated(),
				paths.resolved(), parts[2] / 1e9);
		if (total >= 60) {
			MISSES.add("full recompute (" + label + ") " + Math.round(total) + " s");
		}
	}

	private static void incrementalUpdates(TestPostgres postgres, GraphMaintenance graph,
			TransactionalOperator transaction) {
		List<Long> incremental = new ArrayList<>();
		long resolvedPaths = 0;
		// alerts that alone put their secret on a path from their repository: resolving one resolves the path
		for (String row : postgres.rows("select alert_ids[1], secret_id from attack_path "
				+ "where status = 'open' and cardinality(alert_ids) = 1 order by id limit " + SAMPLES)) {
			String[] ids = row.split("\\|");
			postgres.execute("update alert set state = 'resolved', resolved_at = now() where id = " + ids[0]);
			long started = System.nanoTime();
			transaction.transactional(graph.secretsChanged(List.of(Long.parseLong(ids[1])))).block();
			incremental.add(System.nanoTime() - started);
			resolvedPaths += postgres.count("select count(*) from attack_path where status = 'resolved' and secret_id = "
					+ ids[1]);
		}
		Collections.sort(incremental);
		System.out.printf("Incremental update after one alert is resolved, paths and risk (%d alerts, %d paths "
				+ "resolved): p50 %.1f ms, p95 %.1f ms%n", SAMPLES, resolvedPaths, incremental.get(SAMPLES / 2) / 1e6,
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
		api.get("/api/v1/headline", SAMPLES, LIST_GOAL);
		api.get("/api/v1/attack-paths?sort=risk&limit=5", SAMPLES, LIST_GOAL);
		api.get("/api/v1/targets?limit=5", SAMPLES, LIST_GOAL);
		api.get("/api/v1/recommendations?status=unhealthy&limit=5", SAMPLES, LIST_GOAL);
		for (String risk : List.of("critical", "high", "medium", "low")) {
			api.get("/api/v1/attack-paths?risk=" + risk + "&limit=5", SAMPLES, LIST_GOAL);
		}
		// alerts
		for (String filter : List.of("", "&state=open", "&state=resolved", "&repository=" + repository,
				"&provider=azure_devops", "&validity=active", "&secretType=aws_access_key_id", "&cursor=" + cursor)) {
			api.get("/api/v1/alerts?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/alerts/" + alert, SAMPLES, LIST_GOAL);
		String riskCursor = encode(api.read("/api/v1/alerts?sort=risk&limit=100").get("nextCursor").asText());
		for (String filter : List.of("", "&state=open", "&provider=azure_devops", "&repository=" + repository,
				"&cursor=" + riskCursor)) {
			api.get("/api/v1/alerts?sort=risk&limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		// attack paths
		for (String filter : List.of("", "&status=resolved", "&status=all", "&risk=critical", "&provider=azure_devops",
				"&provider=azure_devops&risk=high", "&repository=" + repository)) {
			api.get("/api/v1/attack-paths?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/attack-paths?status=all&limit=500", SAMPLES, LIST_GOAL);
		api.get("/api/v1/attack-paths/" + path, SAMPLES, LIST_GOAL);
		String target = encode(api.read("/api/v1/targets?limit=1").get("items").get(0).get("key").asText());
		String pathCursor = encode(api.read("/api/v1/attack-paths?sort=risk&limit=100").get("nextCursor").asText());
		for (String filter : List.of("", "&risk=high", "&provider=azure_devops", "&repository=" + repository,
				"&target=" + target, "&cursor=" + pathCursor)) {
			api.get("/api/v1/attack-paths?sort=risk&limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		// secrets, ranked by the paths their rotation closes, and targets
		for (String filter : List.of("", "&targetKind=cloud_identity", "&exists=unknown")) {
			api.get("/api/v1/secrets?sort=pathsClosed&limit=50" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/secrets?limit=50", SAMPLES, LIST_GOAL);
		for (String filter : List.of("", "&targetKind=cloud_identity", "&expired=true")) {
			api.get("/api/v1/secrets?sort=risk&limit=50" + filter, SAMPLES, LIST_GOAL);
		}
		String targetCursor = encode(api.read("/api/v1/targets?limit=50").get("nextCursor").asText());
		for (String filter : List.of("", "&exposed=true", "&sensitive=true", "&cursor=" + targetCursor)) {
			api.get("/api/v1/targets?limit=50" + filter, SAMPLES, LIST_GOAL);
		}
		// repositories
		for (String filter : List.of("", "&sort=risk", "&sort=risk&provider=azure_devops", "&name=repo-12")) {
			api.get("/api/v1/repositories?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
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
		// remediation, over the 300,000 alerts resolved in the last 90 days
		for (String by : List.of("provider", "organization", "repository", "secretType", "risk")) {
			api.get("/api/v1/remediation?by=" + by, SAMPLES, REPORT_GOAL);
		}
		api.get("/api/v1/remediation/weeks?weeks=12", SAMPLES, LIST_GOAL);
		// notifications and health
		for (String filter : List.of("", "&status=pending", "&channel=email")) {
			api.get("/api/v1/notifications?limit=100" + filter, SAMPLES, LIST_GOAL);
		}
		api.get("/api/v1/notifications/rules", SAMPLES, LIST_GOAL);
		api.get("/api/v1/sync", SAMPLES, LIST_GOAL);
		api.get("/api/v1/webhooks/deliveries?limit=20", SAMPLES, LIST_GOAL);
		api.get("/api/v1/webhooks/deliveries?status=failed&limit=50", SAMPLES, LIST_GOAL);
		for (String filter : List.of("?limit=100", "?limit=500", "?provider=azure_devops&limit=500",
				"?status=healthy&limit=500")) {
			api.get("/api/v1/recommendations" + filter, SAMPLES, LIST_GOAL);
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
