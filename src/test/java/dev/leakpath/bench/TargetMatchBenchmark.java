package dev.leakpath.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.attackpath.AssetMatching;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.target.SecretTarget;
import dev.leakpath.target.SecretText;
import dev.leakpath.target.TargetResolution;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prints (1) for a corpus of fake secrets of every type the tests know, how many resolve to a target, per
 * type and kind; (2) with 100,000 assets in the inventory, how fast 10,000 alerts are stored and matched by
 * a sync, and how fast every secret is re-matched after an inventory change.
 * Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class TargetMatchBenchmark {

	private static final String[] CORPUS_TYPES = { "azure_storage_account_key", "azure_sas_token",
			"azure_cosmosdb_key_identifiable", "azure_devops_personal_access_token", "aws_access_key_id",
			"github_personal_access_token", "slack_api_token", "openai_api_key", "npm_access_token", "google_api_key",
			"postgres_connection_string", "mongodb_connection_string", "rsa_private_key", "acme_internal_service_token" };

	private static final int SAMPLES_PER_TYPE = 200;

	private static final int ASSETS = 100_000;

	private static final int ALERTS = 10_000;

	private static final String ORG = "match-org";

	private TargetMatchBenchmark() {
	}

	public static void main(String[] args) {
		corpus();
		// the database first: a server started before a failure here would keep exec:java waiting on its threads
		TestPostgres postgres = TestPostgres.get().sibling("match_bench");
		FakeGitHub github = FakeGitHub.start();
		try {
			github.reset();
			stubAlerts(github);
			match(postgres, github);
		}
		finally {
			github.stop();
		}
	}

	private static void match(TestPostgres postgres, FakeGitHub github) {
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.github.token=bench-token", "--leakpath.github.organizations=" + ORG,
				"--leakpath.github.api-url=" + github.baseUrl(),
				"--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef", "--logging.level.dev.leakpath=warn"));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments.toArray(String[]::new))) {
			AssetInventory inventory = app.getBean(AssetInventory.class);
			long loading = System.nanoTime();
			for (int batch = 0; batch < ASSETS / 10_000; batch++) {
				inventory.upsert(assets(batch * 10_000, 10_000), "bench").block();
			}
			Duration loaded = Duration.ofNanos(System.nanoTime() - loading);
			// the recompute the batches scheduled runs in the background: not during the sync measured next
			await().atMost(Duration.ofMinutes(5)).until(
					() -> postgres.count("select count(*) from graph_recompute where requested > completed") == 0);

			long syncing = System.nanoTime();
			app.getBean(SyncService.class).run("bench").block();
			Duration synced = Duration.ofNanos(System.nanoTime() - syncing);

			postgres.execute("update secret set target_asset_id = null, target_exists = null");
			long matching = System.nanoTime();
			long rematched = app.getBean(AssetMatching.class).matchAll().block();
			Duration matched = Duration.ofNanos(System.nanoTime() - matching);

			System.out.printf("%nTarget matching benchmark: %,d assets, %,d alerts%n", ASSETS, ALERTS);
			System.out.printf("  assets loaded (10 batches of 10,000)     %d ms, %.0f assets/s%n", loaded.toMillis(),
					ASSETS * 1000.0 / loaded.toMillis());
			System.out.printf("  sync: alerts stored, resolved, matched   %d ms, %.0f alerts/s%n", synced.toMillis(),
					ALERTS * 1000.0 / synced.toMillis());
			System.out.printf("  re-match of every secret                 %d secrets in %d ms, %.0f secrets/s%n",
					rematched, matched.toMillis(), rematched * 1000.0 / Math.max(1, matched.toMillis()));
			System.out.printf("  targets: %s%n", postgres.rows(
					"select coalesce(target_exists, 'n/a') as exists_in_inventory, count(*) from secret group by 1 order by 1"));
		}
	}

	private static void corpus() {
		TargetResolution resolution = new TargetResolution();
		FakeSecrets secrets = new FakeSecrets(2026);
		Map<String, Map<String, Integer>> byType = new TreeMap<>();
		int resolved = 0;
		for (String type : CORPUS_TYPES) {
			for (int sample = 0; sample < SAMPLES_PER_TYPE; sample++) {
				SecretTarget target = resolution.resolve(new SecretText(type, secrets.next(type), null));
				byType.computeIfAbsent(type, key -> new TreeMap<>()).merge(target.kind().wireName(), 1, Integer::sum);
				resolved += target.resolved() ? 1 : 0;
			}
		}
		int total = CORPUS_TYPES.length * SAMPLES_PER_TYPE;
		System.out.printf("%nTarget resolution over the fake-secret corpus (%d types x %d values, value only, no file "
				+ "context)%n", CORPUS_TYPES.length, SAMPLES_PER_TYPE);
		byType.forEach((type, kinds) -> System.out.printf("  %-38s %s%n", type, kinds));
		System.out.printf("  resolved %d of %d (%.0f %%)%n", resolved, total, resolved * 100.0 / total);
	}

	/** Storage accounts and PostgreSQL servers, half each: db0 … db49999 and st0 … st49999. */
	private static List<AssetInput> assets(int from, int count) {
		List<AssetInput> assets = new ArrayList<>(count);
		for (int index = from; index < from + count; index++) {
			boolean database = index % 2 == 0;
			String name = (database ? "db" : "st") + (index / 2);
			String type = database ? "Microsoft.DBforPostgreSQL/flexibleServers" : "Microsoft.Storage/storageAccounts";
			String host = database ? name + ".postgres.database.azure.com" : name + ".blob.core.windows.net";
			assets.add(new AssetInput("azure", type, "/subscriptions/s/resourceGroups/rg/providers/" + type + "/" + name,
					name, List.of(host), "westeurope", "s", Map.of("env", "bench"), index % 3 == 0, index % 5 == 0,
					"team-" + index % 20, List.of()));
		}
		return assets;
	}

	private static void stubAlerts(FakeGitHub github) {
		FakeSecrets secrets = new FakeSecrets(11);
		Instant newest = Instant.parse("2026-11-01T00:00:00Z");
		List<List<ObjectNode>> pages = new ArrayList<>();
		for (int index = 0; index < ALERTS; index++) {
			if (index % 100 == 0) {
				pages.add(new ArrayList<>());
			}
			// the inventory holds db0 … db49999 and st0 … st49999; every other pair of alerts targets a name it lacks
			boolean database = index % 2 == 0;
			String target = (index % 4 < 2 ? "" : "gone") + (database ? "db" : "st") + index;
			String secret = database
					? "postgresql://app:Pw" + secrets.sha().substring(0, 16) + "@" + target + ".postgres.database.azure.com/app"
					: "https://" + target + ".blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2027-01-01&sig=" + secrets.sha();
			String type = database ? "postgres_connection_string" : "azure_sas_token";
			String repository = "service-" + index % 100;
			Instant updated = newest.minusSeconds(60L * index);
			ObjectNode location = GitHubPayloads.commitLocation(ORG, repository, "config/" + index + ".yml", 1, 1, 1, 80,
					secrets.sha(), secrets.sha());
			pages.get(pages.size() - 1).add(GitHubPayloads.alert(new AlertSpec(ORG, 77, repository, 70_000 + index % 100,
					true, index / 100 + 1, type, type, secret, "open", null, "unknown", false, false,
					updated.minusSeconds(3600), updated, null, location, false)));
		}
		github.alertPages(ORG, pages, null);
	}

}
