package dev.leakpath.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.asset.gcp.GcpInventoryRead;
import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.DemoSecrets;
import dev.leakpath.testsupport.SarifMultitool;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The demo profile with no credentials: the fake GitHub and Azure DevOps of wiremock-mappings/ are served and
 * polled. Against the tests' database: the embedded one is looked for before the test's database URL is known.
 */
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.sync.schedule=false", "leakpath.github.token=",
		"leakpath.github.organizations=", "leakpath.notifications.enabled=false",
		"leakpath.fingerprint-key=demo-test-fingerprint-key-0123456789abcdef",
		"leakpath.api.tokens=" + DemoTests.TOKEN,
		// this cached context's triage worker would take the triage tests' items, which share its database
		"leakpath.triage.worker.enabled=false",
		// the fake GCP project's read would race the asset counts here: the test of its identity path reads it
		"leakpath.assets.gcp.initial-delay=PT1H" })
class DemoTests {

	static final String TOKEN = "demo-tests-admin-token";

	private static final TestPostgres postgres = TestPostgres.get();

	private static final String PUBLIC_ADO_TO_STORAGE = "Publicly accessible Azure DevOps repository contains an "
			+ "exposed secret with lateral movement to a Storage Account";

	private static final String ADO_TO_SQL =
			"Azure DevOps repository contains an exposed secret with lateral movement to a SQL database";

	// Every test starts from the first poll; only the first one polls again.
	private static final AtomicBoolean polled = new AtomicBoolean();

	@Autowired
	private SyncService sync;

	@Autowired
	private WebTestClient web;

	@Autowired
	private List<SourceConnector> connectors;

	@Autowired
	private ApplicationContext application;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	/** Before the application starts, so that what it loads on start (the demo inventory) stays. */
	@BeforeAll
	static void emptyDatabase() {
		postgres.truncateAll();
	}

	@Test
	void syncWhenDemoThenEveryFakeAlertIsStoredAndUnchangedOrganizationsCostLittle(CapturedOutput output)
			throws IOException {

		pollOnce();

		assertThat(postgres.count("select count(*) from alert where provider = 'github'")).isEqualTo(251);
		assertThat(postgres.count("select count(*) from alert where provider = 'azure_devops'")).isEqualTo(120);
		assertThat(postgres.rows("select provider, count(*) from repository group by provider order by 1"))
			.containsExactly("azure_devops|5", "github|10");
		assertThat(postgres.count("select count(*) from repository where visibility is null")).isZero();
		// GitHub's 251 alerts hold 248 values; Azure DevOps withholds its values, so each of its alerts whose file at
		// the commit names a target has a secret of its own
		assertThat(postgres.count("select count(*) from alert where provider = 'azure_devops' and secret_id is not null"))
			.isEqualTo(88);
		assertThat(postgres.count("select count(*) from secret")).isEqualTo(248 + 88);
		assertThat(postgres.count("select count(distinct type) from alert_location")).isGreaterThanOrEqualTo(6);
		// GitHub lists generic types (private keys, connection strings) only on the listing that names them
		assertThat(postgres.rows("select scope, listing, last_outcome, pages, alerts_seen from sync_source order by scope, listing"))
			.containsExactly("acme-corp|default|completed|2|168", "acme-corp|generic|completed|1|43",
					"contoso|default|completed|7|120", "globex|default|completed|1|32", "globex|generic|completed|1|8");

		sync.run("test").block();

		assertThat(postgres.rows("select scope, listing, last_outcome, pages from sync_source order by scope, listing"))
			.containsExactly("acme-corp|default|completed|1", "acme-corp|generic|completed|1", "contoso|default|completed|5",
					"globex|default|not_modified|0", "globex|generic|not_modified|0");
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(371);

		// the demo inventory is read on start: two storage accounts and a SQL server exist, the other targets do not
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.rows(
				"select target_name || '|' || target_exists from secret where target_kind = 'cloud_resource' "
						+ "group by 1 order by 1"),
				rows -> rows.equals(List.of("acmeprodstore|true", "contoso-payments-sql|true", "contoso-tools-sql|false",
						"contosopaystore|false", "contosotoolsstore|true", "db-acme-prod|false", "opentools-cosmos|false",
						"payments-cosmos|false")));
		// the fake AWS account is read on start too, and the fake GCP project when a test reads it
		assertThat(postgres.count("select count(*) from asset where source not like 'aws:%' and source not like 'gcp:%'"))
			.isEqualTo(6);

		String database = postgres.dumpAllTables();
		// one per GitHub alert, one per location of an Azure DevOps alert, and the GCP key file's private key twice
		assertThat(DemoSecrets.all()).hasSize(251 + 166 + 2).allSatisfy(secret -> {
			assertThat(database).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
		});
	}

	@Test
	void demoWhenPolledThenBothAzureDevOpsAttackPathsOpenFromTheFilesAtTheAlertsCommits() {
		pollOnce();

		// the inventory is read on start, perhaps after the poll wrote the secrets: the paths open once both are in
		await().atMost(Duration.ofSeconds(20))
			.until(() -> names(getJson("/api/v1/attack-paths?provider=azure_devops&status=open&limit=100")),
					names -> names.containsAll(Set.of(PUBLIC_ADO_TO_STORAGE, ADO_TO_SQL)));
		List<String> targets = new ArrayList<>();
		for (JsonNode path : getJson("/api/v1/attack-paths?provider=azure_devops&status=open&limit=100").get("items")) {
			targets.add(path.get("rule").get("name").asText() + " | " + path.get("repository").get("fullName").asText()
					+ " -> " + path.get("target").get("name").asText());
		}
		assertThat(targets).contains(PUBLIC_ADO_TO_STORAGE + " | contoso/OpenTools/sdk -> contosotoolsstore",
				ADO_TO_SQL + " | contoso/Payments/payments-api -> contoso-payments-sql");
	}

	@Test
	void demoWhenPolledThenAzureDevOpsConnectionStringsNameTheirTargets() {
		pollOnce();

		List<JsonNode> connectionStrings = new ArrayList<>();
		for (JsonNode alert : getJson("/api/v1/alerts?provider=azure_devops&limit=500").get("items")) {
			if (Set.of("AzureStorageAccountIdentifiableKey", "AzureCosmosDBIdentifiableKey", "SqlLegacyCredentials")
				.contains(alert.get("providerSecretType").asText())) {
				connectionStrings.add(alert);
			}
		}
		// every such alert's file was read at its commit: its connection string names the resource
		assertThat(connectionStrings).hasSizeGreaterThan(30).allSatisfy(alert -> {
			assertThat(alert.path("target").path("kind").asText()).as(alert.get("alertUrl").asText())
				.isEqualTo("cloud_resource");
			assertThat(alert.path("target").path("name").asText()).isIn("contosopaystore", "contosotoolsstore",
					"payments-cosmos", "opentools-cosmos", "contoso-payments-sql", "contoso-tools-sql");
		});
	}

	@Test
	void demoWhenPolledThenTheTrendHasAlertsOpenedAndResolvedInTheLastThirtyDays() {
		pollOnce();

		JsonNode days = getJson("/api/v1/alerts/summary").get("days");
		assertThat(days).hasSize(30);
		assertThat(days.get(29).get("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
		int daysWithOpened = 0;
		long opened = 0;
		long resolved = 0;
		for (JsonNode day : days) {
			daysWithOpened += day.get("opened").asLong() > 0 ? 1 : 0;
			opened += day.get("opened").asLong();
			resolved += day.get("resolved").asLong();
		}
		assertThat(daysWithOpened).isGreaterThanOrEqualTo(20);
		assertThat(opened).isGreaterThanOrEqualTo(100);
		assertThat(resolved).isGreaterThanOrEqualTo(20);
	}

	@Test
	void demoWhenPolledThenRepositoriesOfBothProvidersShowTheirCodeOwners() {
		pollOnce();

		// 10 GitHub repositories, and the 4 Azure DevOps ones with a CODEOWNERS file (docs has none, legacy is off)
		await().atMost(Duration.ofSeconds(20)).until(this::owners, owners -> owners.stream()
			.filter(owner -> owner.contains(" codeowners ")).count() == 14);
		assertThat(owners()).contains("contoso/Payments/payments-api codeowners [\"payments-team@contoso.example\"]",
				"contoso/OpenTools/cli codeowners [\"opentools-maintainers@contoso.example\"]");
		assertThat(owners()).contains("acme-corp/payments-api codeowners [\"@acme-corp/payments-team\"]",
				"acme-corp/docs-site codeowners [\"@acme-corp/docs-team\",\"@mara-okafor\"]",
				"acme-corp/legacy-billing codeowners [\"@acme-corp/billing-team\"]",
				"globex/website codeowners [\"@globex/web\"]");
	}

	/** The connector reads the fake's CODEOWNERS files wherever they are, and finds none where there is none. */
	@Test
	void fetchOwnersWhenAzureDevOpsDemoThenReadsCodeOwnersWhereverTheyAre() {
		SourceConnector azureDevOps = connectors.stream()
			.filter(connector -> connector.provider().equals("azure_devops"))
			.findFirst()
			.orElseThrow();
		List<String> owners = azureDevOps
			.fetchRepositories("contoso", List.of("contoso/Payments/payments-api", "contoso/Payments/payments-web",
					"contoso/OpenTools/cli", "contoso/OpenTools/docs"))
			.flatMapMany(Flux::fromIterable)
			.concatMap(repository -> azureDevOps.fetchOwners(List.of(repository))
				.map(found -> repository.fullName() + " " + found.get(repository.fullName()).codeOwners()))
			.collectList()
			.block();

		assertThat(owners).containsExactlyInAnyOrder("contoso/Payments/payments-api [payments-team@contoso.example]",
				"contoso/Payments/payments-web [payments-team@contoso.example, web-team@contoso.example]",
				"contoso/OpenTools/cli [opentools-maintainers@contoso.example]", "contoso/OpenTools/docs []");
	}

	@Test
	void demoWhenPolledThenEverySecretWithATargetHasAPathToItAndEveryScoreIsTheSumOfItsFactors() {
		pollOnce();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> postgres.count("select count(*) from graph_recompute where requested > completed"), left -> left == 0);

		// whatever the repository's visibility: a path from each repository to each resource its open secret reaches
		assertThat(postgres.count("""
				select count(*) from (select distinct c.repository_id, c.secret_id, t.target_key
				                      from graph_contains c join graph_secret_target t on t.secret_id = c.secret_id) m
				where not exists (select 1 from attack_path p
				                  where p.status = 'open' and p.repository_id = m.repository_id
				                    and p.secret_id = m.secret_id and p.target_key = m.target_key)""")).isZero();
		assertThat(postgres.count("select count(*) from attack_path p where p.status = 'open' and p.target_key = '' "
				+ "and exists (select 1 from graph_secret_target t where t.secret_id = p.secret_id)")).isZero();
		assertThat(postgres.count("select count(distinct repository_id) from attack_path where status = 'open' "
				+ "and rule_id = 'github-secret-to-storage' and target_name = 'acmeprodstore'")).isPositive();
		// every alert is scored, those whose value Azure DevOps withheld too
		assertThat(postgres.count("select count(*) from alert a where a.secret_id is null")).isPositive();
		assertThat(postgres.count("select count(*) from alert a "
				+ "where not exists (select 1 from alert_risk k where k.alert_id = a.id)")).isZero();

		for (String list : List.of("/api/v1/attack-paths?status=all&sort=risk&limit=500", "/api/v1/alerts?sort=risk&limit=500",
				"/api/v1/secrets?sort=risk&limit=500", "/api/v1/repositories?sort=risk&limit=500",
				"/api/v1/recommendations?limit=500", "/api/v1/targets?limit=500")) {
			JsonNode items = getJson(list).get("items");
			assertThat(items).as(list).isNotEmpty();
			List<Integer> scores = new ArrayList<>();
			for (JsonNode item : items) {
				JsonNode risk = item.has("risk") ? item.get("risk") : item;
				int score = risk.has("score") ? risk.get("score").asInt() : risk.get("riskScore").asInt();
				JsonNode factors = risk.has("factors") ? risk.get("factors") : risk.get("riskFactors");
				int points = 0;
				for (JsonNode factor : factors) {
					points += factor.get("points").asInt();
				}
				assertThat(score).as(list + " " + item).isBetween(0, 100).isEqualTo(Math.max(0, points));
				scores.add(score);
			}
			if (!list.contains("recommendations")) {
				assertThat(scores).as(list).isSortedAccordingTo(Comparator.reverseOrder());
			}
		}
	}

	/**
	 * The demo's SARIF export as code scanning would take it: the SARIF Multitool ({@code src/test/sarif}) with
	 * the SARIF specification's rules and GitHub's finds no error. Its logs land in {@code target/sarif/}. On CI the
	 * Multitool must be there ({@code .ci/run} installs it); elsewhere the test is skipped, saying why.
	 */
	@Test
	void exportWhenDemoThenTheSarifMultitoolFindsNoErrorUnderTheSarifAndGitHubRules() throws Exception {
		String missing = SarifMultitool.missing();
		if (System.getenv("CI") != null) {
			assertThat(missing).as("the SARIF test needs " + missing).isNull();
		}
		assumeTrue(missing == null, () -> "skipped: no " + missing);
		pollOnce();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> postgres.count("select count(*) from graph_recompute where requested > completed"), left -> left == 0);

		Path out = Files.createDirectories(Path.of("target", "sarif"));
		Path export = out.resolve("demo-alerts.sarif");
		HttpResponse<Path> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/export?format=sarif"))
				.header("Authorization", "Bearer " + TOKEN)
				.timeout(Duration.ofMinutes(1))
				.build(), HttpResponse.BodyHandlers.ofFile(export, StandardOpenOption.CREATE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
		assertThat(response.statusCode()).isEqualTo(200);

		List<SarifMultitool.Finding> findings = SarifMultitool.validate(export, "Sarif;Gh",
				out.resolve("demo-alerts.validation.sarif"));
		assertThat(findings).filteredOn(SarifMultitool.Finding::error).isEmpty();

		// a run per repository with alerts, of both providers, each with results and the non-file locations counted
		JsonNode runs = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.readTree(export.toFile())
			.get("runs");
		assertThat(runs).hasSize((int) postgres.count("select count(distinct repository_id) from alert"));
		List<String> providers = new ArrayList<>();
		long omitted = 0;
		for (JsonNode run : runs) {
			providers.add(run.get("properties").get("provider").asText());
			assertThat(run.get("results")).as(run.get("properties").toString()).isNotEmpty();
			for (JsonNode count : run.get("properties").get("omittedLocations")) {
				omitted += count.asLong();
			}
		}
		assertThat(providers).contains("github", "azure_devops");
		assertThat(omitted).isPositive();
		assertThat(Files.readString(export)).doesNotContain(DemoSecrets.all());
	}

	@Test
	void demoWhenPolledThenTheAwsKeyOfInfraTerraformReachesTheOneBucketItsIamUserMayRead() {
		pollOnce();

		// the AWS inventory of wiremock-mappings/mappings/aws is read at start-up, in the background
		await().atMost(Duration.ofSeconds(30)).until(() -> postgres.rows("select p.target_name from attack_path p "
				+ "join repository r on r.id = p.repository_id where p.status = 'open' "
				+ "and p.rule_id = 'github-aws-key-reads-s3-bucket' and r.full_name = 'acme-corp/infra-terraform'"),
				names -> names.equals(List.of("acme-terraform-state")));
		assertThat(postgres.rows("select i.name, a.access_level from identity i join identity_access a "
				+ "on a.identity_id = i.id join asset t on t.id = a.asset_id where i.source like 'aws:%' order by t.name"))
			.containsExactly("terraform-ci|read");
	}

	@Test
	void demoWhenPolledAndTheGcpProjectReadThenTheKeyFileOfDataPipelineReachesTheBucketEtlRunnerMayWrite() {
		pollOnce();

		// the fake GCP project of wiremock-mappings/mappings/gcp-*.json, read now rather than an hour after start-up
		GcpInventoryRead.now(application);
		await().atMost(Duration.ofSeconds(30)).until(() -> postgres.rows("select p.target_name from attack_path p "
				+ "join repository r on r.id = p.repository_id where p.status = 'open' "
				+ "and p.rule_id = 'github-gcp-key-writes-storage-bucket' and r.full_name = 'acme-corp/data-pipeline'"),
				names -> names.equals(List.of("acme-analytics-exports")));
		assertThat(postgres.rows("select i.name, t.name, a.access_level from identity i join identity_access a "
				+ "on a.identity_id = i.id join asset t on t.id = a.asset_id where i.source like 'gcp:%' order by t.name"))
			.containsExactly("etl-runner@acme-analytics.iam.gserviceaccount.com|acme-analytics-exports|admin",
					"etl-runner@acme-analytics.iam.gserviceaccount.com|analytics-pg|admin");
	}

	private void pollOnce() {
		if (polled.compareAndSet(false, true)) {
			sync.run("test").block();
		}
	}

	private List<String> owners() {
		List<String> owners = new ArrayList<>();
		for (JsonNode repository : getJson("/api/v1/repositories?limit=100").get("items")) {
			owners.add(repository.get("fullName").asText() + " " + repository.get("ownerSource").asText() + " "
					+ repository.get("owners"));
		}
		return owners;
	}

	private static List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("items").forEach(path -> names.add(path.get("rule").get("name").asText()));
		return names;
	}

	private JsonNode getJson(String uri) {
		return web.get()
			.uri(uri)
			.headers(headers -> headers.setBearerAuth(TOKEN))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
