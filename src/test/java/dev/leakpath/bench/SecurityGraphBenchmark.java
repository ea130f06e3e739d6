package dev.leakpath.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.attackpath.AttackPathEvaluator;
import dev.leakpath.attackpath.AttackPathEvaluator.Evaluation;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Generates 1,000,000 alerts in 100,000 repositories, 500,000 distinct secrets and 100,000 assets in the
 * database, then prints: the full attack-path recompute, the incremental update after one alert is resolved,
 * the explorer templates' and {@code GET /api/v1/attack-paths} p95 over HTTP, and the peak heap. The pom runs
 * it in its own JVM with {@code -Xmx512m}, so the heap figure is also a limit.
 * Run with {@code ./mvnw -B -Pbench verify}; set {@code LEAKPATH_TEST_PG_URL} for a durable server.
 */
public final class SecurityGraphBenchmark {

	private static final int REPOSITORIES = 100_000;

	private static final int ASSETS = 100_000;

	private static final int SECRETS = 500_000;

	private static final int ALERTS = 1_000_000;

	private static final int SAMPLES = 40;

	private static final String TOKEN = "bench-api-token";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	private SecurityGraphBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		TestPostgres postgres = TestPostgres.get().sibling("graph_bench");
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.api.tokens=" + TOKEN, "--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef",
				"--logging.level.dev.leakpath=warn"));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments.toArray(String[]::new))) {
			long generating = System.nanoTime();
			generate(postgres);
			System.out.printf("Generated %,d repositories, %,d assets, %,d secrets, %,d alerts with a location each "
					+ "in %.1f s%n", REPOSITORIES, ASSETS, SECRETS, ALERTS, seconds(generating));

			AttackPathEvaluator evaluator = app.getBean(AttackPathEvaluator.class);
			// as the application runs it: in the transaction of the change
			TransactionalOperator transaction = app.getBean(TransactionalOperator.class);
			long full = System.nanoTime();
			Evaluation first = transaction.transactional(evaluator.refreshAll()).block();
			System.out.printf("Full recompute, empty history: %.1f s (%,d paths opened)%n", seconds(full), first.opened());
			long again = System.nanoTime();
			Evaluation unchanged = transaction.transactional(evaluator.refreshAll()).block();
			System.out.printf("Open paths stored: %,d%n",
					postgres.count("select count(*) from attack_path where status = 'open'"));
			System.out.printf("Database size: %,d MB (%,d MB in alerts and locations, %,d MB in attack paths, "
					+ "%,d MB in notification events)%n", megabytes(postgres, "pg_database_size(current_database())"),
					megabytes(postgres, "pg_total_relation_size('alert') + pg_total_relation_size('alert_location')"),
					megabytes(postgres, "pg_total_relation_size('attack_path')"),
					megabytes(postgres, "pg_total_relation_size('notification_event')"));
			System.out.printf("Full recompute, nothing changed: %.1f s (%,d updated)%n", seconds(again),
					unchanged.updated());
			postgres.execute("analyze");

			List<Long> incremental = new ArrayList<>();
			long resolvedPaths = 0;
			// alerts that alone put their secret on a path from their repository: resolving one resolves the path
			for (String row : postgres.rows("select alert_ids[1], secret_id from attack_path "
					+ "where status = 'open' and cardinality(alert_ids) = 1 order by id limit " + SAMPLES)) {
				String[] ids = row.split("\\|");
				postgres.execute("update alert set state = 'resolved' where id = " + ids[0]);
				long started = System.nanoTime();
				resolvedPaths += transaction.transactional(evaluator.refreshSecrets(List.of(Long.parseLong(ids[1]))))
					.block()
					.resolved();
				incremental.add(System.nanoTime() - started);
			}
			System.out.printf("Incremental update after one alert is resolved (%d alerts, %d paths resolved): %s%n",
					SAMPLES, resolvedPaths, percentiles(incremental));

			String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
			JsonNode templates = get(base + "/api/v1/explorer/templates").get("items");
			for (JsonNode template : templates) {
				String body = template.get("query").toString();
				int[] items = new int[1];
				List<Long> times = timed(() -> {
					items[0] = post(base + "/api/v1/explorer/query", body).get("items").size();
					return null;
				});
				System.out.printf("Explorer template '%s' (%d items): %s%n", template.get("id").asText(), items[0],
						percentiles(times));
			}
			for (String listing : List.of("/api/v1/attack-paths", "/api/v1/attack-paths?risk=critical",
					"/api/v1/attack-paths?provider=azure_devops&risk=high", "/api/v1/attack-paths?status=all&limit=500")) {
				System.out.printf("GET %s: %s%n", listing, percentiles(timed(() -> get(base + listing))));
			}
			long one = get(base + "/api/v1/attack-paths?limit=1").get("items").get(0).get("id").asLong();
			System.out.printf("GET /api/v1/attack-paths/{id}: %s%n",
					percentiles(timed(() -> get(base + "/api/v1/attack-paths/" + one))));
			System.out.printf("GET /api/v1/secrets?sort=pathsClosed: %s%n",
					percentiles(timed(() -> get(base + "/api/v1/secrets?sort=pathsClosed&limit=50"))));
			// every other read the dashboard makes, as it makes it (src/main/resources/dashboard/app)
			for (String view : List.of("/api/v1/alerts/summary?days=30", "/api/v1/recommendations?status=unhealthy&limit=5",
					"/api/v1/recommendations?limit=500", "/api/v1/attack-paths?risk=critical&limit=5", "/api/v1/alerts?limit=100",
					"/api/v1/assets?limit=200", "/api/v1/notifications?limit=100", "/api/v1/notifications/rules",
					"/api/v1/sync", "/api/v1/webhooks/deliveries?limit=20", "/api/v1/me")) {
				System.out.printf("GET %s: %s%n", view, percentiles(timed(() -> get(base + view))));
			}
			System.out.printf("Peak heap (sum of the heap pools' peaks): %d MB of %d MB max%n", peakHeapMegabytes(),
					Runtime.getRuntime().maxMemory() / (1024 * 1024));

			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			for (String export : List.of("/api/v1/alerts/export?format=csv", "/api/v1/alerts/export?format=sarif",
					"/api/v1/attack-paths/export?status=all")) {
				long started = System.nanoTime();
				long[] bytesAndLines = download(base + export);
				System.out.printf("GET %s: %,d MB, %,d lines, in %.1f s%n", export, bytesAndLines[0] / (1024 * 1024),
						bytesAndLines[1], seconds(started));
			}
			System.out.printf("Peak heap during the exports: %d MB%n", peakHeapMegabytes());
		}
		System.exit(0);
	}

	private static void generate(TestPostgres postgres) {
		postgres.execute("""
				insert into repository (provider, organization, project, name, full_name, url, visibility, archived)
				select case when g %% 10 < 7 then 'github' else 'azure_devops' end, 'org' || g %% 100,
				       case when g %% 10 >= 7 then 'project' || g %% 50 end, 'repo' || g, 'org' || g %% 100 || '/repo' || g,
				       'https://example.invalid/repo' || g, case when g %% 10 in (0, 7) then 'public' else 'private' end,
				       false
				from generate_series(cast(1 as bigint), %d) g""".formatted(REPOSITORIES));
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, internet_exposed,
				                   sensitive_data, ssh_key_fingerprints, source)
				select case when g %% 8 in (4, 5) then 'aws' else 'azure' end, type, 'id/' || g, 'asset' || g,
				       array['asset' || g || '.example.invalid'], 'westeurope',
				       case when g %% 8 in (4, 5) then 'acct' || g %% 1000 else 'sub' || g %% 100 end,
				       g %% 3 = 0, g %% 5 = 0,
				       case when g %% 8 = 6 then array['SHA256:vm' || g] else '{}' end, 'bench'
				from generate_series(cast(1 as bigint), %d) g,
				     lateral (select (array['Microsoft.Storage/storageAccounts', 'Microsoft.Sql/servers',
				                            'Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.DocumentDB/databaseAccounts',
				                            'AWS::S3::Bucket', 'AWS::RDS::DBInstance', 'Microsoft.Compute/virtualMachines',
				                            'Microsoft.KeyVault/vaults'])[1 + g %% 8] as type) t""".formatted(ASSETS));
		// 60% reach an inventory asset, 10% an unlisted one, 2% are AWS keys (about 12 buckets per account),
		// 2% SSH keys a VM accepts, and the rest name nothing
		postgres.execute("""
				insert into secret (fingerprint, preview, secret_type, target_kind, target_asset_id, target_exists,
				                    target_resource_type, target_name, target_cloud, target_account_id,
				                    target_key_fingerprint)
				select 'fp' || g, 'abcd…wxyz',
				       case when g %% 50 < 30 then 'azure_storage_account_key' when g %% 50 < 35 then 'azure_sas_token'
				            when g %% 50 = 35 then 'aws_access_key_id' when g %% 50 = 36 then 'rsa_private_key'
				            else 'slack_api_token' end,
				       case when g %% 50 < 35 then 'cloud_resource' when g %% 50 < 37 then 'cloud_identity'
				            else 'saas_identity' end,
				       case when g %% 50 < 30 then 1 + (g * 7919) %% %d end,
				       case when g %% 50 < 30 then 'true' when g %% 50 < 35 then 'unknown' end,
				       case when g %% 50 between 30 and 34 then 'Microsoft.Storage/storageAccounts'
				            when g %% 50 = 35 then 'AWS::IAM::AccessKey' when g %% 50 = 36 then 'ssh/private-key' end,
				       case when g %% 50 between 30 and 34 then 'unlisted' || g %% 5000 end,
				       case when g %% 50 between 30 and 34 then 'azure' when g %% 50 = 35 then 'aws' end,
				       case when g %% 50 = 35 then 'acct' || g %% 1000 end,
				       case when g %% 50 = 36 then 'SHA256:vm' || (8 * (g %% 12500) + 6) end
				from generate_series(cast(1 as bigint), %d) g""".formatted(ASSETS, SECRETS));
		postgres.execute("""
				update secret s set target_resource_type = a.resource_type, target_name = a.name, target_cloud = a.cloud
				from asset a where a.id = s.target_asset_id""");
		postgres.execute("""
				-- each secret has two alerts, g and g + SECRETS, in neighbouring repositories
				insert into alert (provider, repository_id, provider_alert_id, secret_type, state, validity, secret_id,
				                   alert_url, created_at)
				select r.provider, r.id, g::text, s.secret_type,
				       case when (g + g / %d * 3) %% 10 >= 7 then 'resolved' when r.provider = 'github' then 'open'
				            else 'active' end,
				       case when g %% 5 < 2 then 'active' else 'unknown' end, s.id,
				       'https://example.invalid/alerts/' || g, now()
				from generate_series(cast(1 as bigint), %d) g
				join repository r on r.id = 1 + ((g * 7907) %% %d + g / %d) %% %d
				join secret s on s.id = 1 + (g * 104729) %% %d""".formatted(SECRETS, ALERTS, REPOSITORIES, SECRETS,
				REPOSITORIES, SECRETS));
		postgres.execute("""
				insert into alert_location (alert_id, location_key, type, path, start_line, commit_sha, file_url)
				select id, 'commit:' || id, 'commit', 'src/config-' || id || '.yml', 1 + id % 300, md5(id::text),
				       'https://example.invalid/blob/' || id
				from alert""");
		postgres.execute("analyze");
	}

	private static List<Long> timed(Supplier<Object> request) {
		for (int warm = 0; warm < 3; warm++) {
			request.get();
		}
		List<Long> times = new ArrayList<>();
		for (int sample = 0; sample < SAMPLES; sample++) {
			long started = System.nanoTime();
			request.get();
			times.add(System.nanoTime() - started);
		}
		return times;
	}

	private static String percentiles(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2) / 1e6,
				sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
	}

	private static JsonNode get(String uri) {
		return send(HttpRequest.newBuilder(URI.create(uri)).GET());
	}

	private static JsonNode post(String uri, String body) {
		return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + TOKEN)
				.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads a response as it streams in; returns its size and its number of line breaks. */
	private static long[] download(String uri) {
		try {
			HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
				.header("Authorization", "Bearer " + TOKEN)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			long bytes = 0;
			long lines = 0;
			byte[] buffer = new byte[64 * 1024];
			try (InputStream body = response.body()) {
				for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
					bytes += read;
					for (int i = 0; i < read; i++) {
						lines += buffer[i] == '\n' ? 1 : 0;
					}
				}
			}
			return new long[] { bytes, lines };
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
