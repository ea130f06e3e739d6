package dev.leakpath.api;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.owner.OwnerStore;
import dev.leakpath.owner.ResolvedOwners;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OctokitDescriptions;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.http.HttpHeaders;

/**
 * CSV and SARIF exports: one line per location, or a SARIF run per repository with a result per file location,
 * filtered and scoped, and never a secret.
 */
class ExportTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	/** Exposed to the internet and holding sensitive data: what the public repository's SAS reaches. */
	private static final AssetInput STORAGE = new AssetInput("azure", "Microsoft.Storage/storageAccounts",
			"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/acmeprodstore",
			"acmeprodstore", List.of(), null, "0a1b", Map.of(), true, true, null, List.of());

	/** A document followed by anything more is no document. */
	private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	@Autowired
	private SyncService sync;

	@Autowired
	private AssetInventory inventory;

	@Autowired
	private OwnerStore ownerStore;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private BuildProperties build;

	private final TestOrganization org = new TestOrganization();

	@BeforeEach
	void threeAlerts() {
		github.repositories(ORG, org.orgId(), org.repositories());
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "github_personal_access_token", "open", NOW),
				org.alert("web", 1, "azure_storage_account_key", "open", NOW.minusSeconds(1)),
				org.alert("infra", 1, "slack_api_token", "resolved", NOW.minusSeconds(2)))), null);
		sync.run("test").block();
	}

	@Test
	void csvThenAHeaderAndOneLinePerLocationWithoutTheSecret() {
		String csv = download("/api/v1/alerts/export?format=csv", VIEWER_TOKEN, "text/csv",
				"attachment; filename=\"leakpath-alerts.csv\"");

		List<String> lines = List.of(csv.split("\r\n"));
		assertThat(lines.get(0)).startsWith("alert_id,provider,organization,repository,");
		long locations = postgres.count("select count(*) from alert_location");
		assertThat(lines).hasSize(1 + (int) locations);
		assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains(",github,acme,acme/"));
		assertThat(csv).contains(postgres.rows("select fingerprint from secret order by id").get(0));
		org.issuedSecrets().forEach(secret -> assertThat(csv).doesNotContain(secret));

		String resolved = download("/api/v1/alerts/export?state=resolved", API_TOKEN, "text/csv", null);
		assertThat(resolved.split("\r\n")).hasSize(2);
		assertThat(resolved).contains("acme/infra").doesNotContain("acme/web");
	}

	@Test
	void csvThenEachLineHasTheAlertsRiskSeverityOwnersAndOpenAttackPathsNewestFirst() {
		inventory.replaceSource(List.of(STORAGE), "file:test-inventory.yaml").block();
		awaitGraphRecomputed();
		github.alertPages(ORG, List.of(List.of(org.alert("api", 2, "azure_sas_token", "open", NOW.plusSeconds(60)))), null);
		sync.run("test").block();
		// as a CODEOWNERS file would name them (these tests read none)
		long api = postgres.count("select id from repository where full_name = 'acme/api'");
		transaction.transactional(ownerStore.replace(api,
				new ResolvedOwners(List.of("@acme/api-admins", "alice@acme.example"), "codeowners"), true)).block();

		List<String> lines = List.of(download("/api/v1/alerts/export", API_TOKEN, "text/csv", null).split("\r\n"));
		List<String> header = List.of(lines.get(0).split(","));
		List<Long> ids = new ArrayList<>();
		List<String> exported = new ArrayList<>();
		List<String> served = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			List<String> cells = List.of(line.split(",", -1));
			long id = Long.parseLong(cells.get(header.indexOf("alert_id")));
			ids.add(id);
			exported.add(String.join("|", cells.get(header.indexOf("repository")), cells.get(header.indexOf("risk_score")),
					cells.get(header.indexOf("severity")), cells.get(header.indexOf("owners")),
					cells.get(header.indexOf("open_attack_paths"))));
			// as the alert API shows the same alert
			JsonNode alert = getJson("/api/v1/alerts/" + id);
			List<String> owners = new ArrayList<>();
			alert.get("repository").get("owners").forEach(owner -> owners.add(owner.asText()));
			String ownerCell = String.join("; ", owners);
			long open = alert.get("attackPaths").valueStream().filter(path -> path.get("status").asText().equals("open"))
				.count();
			served.add(String.join("|", alert.get("repository").get("fullName").asText(),
					alert.get("risk").get("score").asText(), alert.get("risk").get("level").asText(),
					ownerCell.startsWith("@") ? "'" + ownerCell : ownerCell, String.valueOf(open)));
		}
		assertThat(exported).isEqualTo(served);
		assertThat(ids).hasSize(4).isSortedAccordingTo(Comparator.reverseOrder());
		// the public repository's SAS reaches the exposed storage account that holds sensitive data: critical; an
		// owner starting with @ is no formula
		assertThat(exported.get(0)).isEqualTo("acme/api|80|critical|'@acme/api-admins; alice@acme.example|1");
		assertThat(exported).contains("acme/infra|0|low||0");
	}

	@Test
	void sarifThenARunPerRepositoryARulePerSecretTypeAndAResultPerLocation() throws IOException {
		JsonNode log = json.readTree(download("/api/v1/alerts/export?format=sarif", API_TOKEN, "application/sarif+json",
				"attachment; filename=\"leakpath-alerts.sarif\""));

		assertThat(log.get("version").asText()).isEqualTo("2.1.0");
		assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
		List<String> runs = new ArrayList<>();
		List<String> levels = new ArrayList<>();
		Set<String> fingerprints = new HashSet<>();
		for (JsonNode run : log.get("runs")) {
			JsonNode driver = run.get("tool").get("driver");
			assertThat(driver.get("name").asText()).isEqualTo("leakpath");
			assertThat(driver.get("version").asText()).isEqualTo(build.getVersion());
			JsonNode rule = driver.get("rules").get(0);
			assertThat(rule.get("fullDescription").get("text").asText()).startsWith("GitHub secret scanning found");
			assertThat(rule.get("help").get("markdown").asText()).startsWith("## How to fix\n\n1. ");
			assertThat(rule.get("properties").get("tags").toString()).contains("\"security\"", "external/cwe/cwe-798");
			JsonNode provenance = run.get("versionControlProvenance").get(0);
			runs.add(run.get("properties").get("repository").asText() + " " + run.get("automationDetails").get("id").asText()
					+ " " + provenance.get("repositoryUri").asText() + " " + provenance.get("branch").asText() + " "
					+ driver.get("rules").findValuesAsText("id"));
			for (JsonNode result : run.get("results")) {
				JsonNode physical = result.get("locations").get(0).get("physicalLocation");
				assertThat(physical.get("artifactLocation").get("uri").asText()).startsWith("config/app-");
				assertThat(physical.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
				assertThat(physical.get("region").get("startLine").asInt()).isPositive();
				fingerprints.add(result.get("partialFingerprints").get("leakpathSecretLocation/v1").asText());
				assertThat(result.get("properties").get("alertUrl").asText()).startsWith("https://github.com/acme/");
				levels.add(result.get("ruleId").asText() + ":" + result.get("level").asText());
			}
			// one location per alert, at one commit: the run's revision
			assertThat(provenance.get("revisionId").asText()).matches("[0-9a-f]{40}");
			assertThat(run.get("properties").get("omittedLocations").size()).isZero();
		}
		assertThat(runs).containsExactlyInAnyOrder(
				"acme/api leakpath/github/acme/api/ https://github.com/acme/api main [github_personal_access_token]",
				"acme/infra leakpath/github/acme/infra/ https://github.com/acme/infra main [slack_api_token]",
				"acme/web leakpath/github/acme/web/ https://github.com/acme/web main [azure_storage_account_key]");
		assertThat(fingerprints).hasSize((int) postgres.count("select count(*) from alert_location"))
			.allSatisfy(fingerprint -> assertThat(fingerprint).matches("[0-9a-f]{64}"));
		assertThat(levels).contains("slack_api_token:note", "github_personal_access_token:error");
		org.issuedSecrets().forEach(secret -> assertThat(log.toString()).doesNotContain(secret));
		postgres.rows("select fingerprint from secret").forEach(secret -> assertThat(log.toString()).contains(secret));
	}

	/**
	 * GitHub's own example {@code secret-scanning-location-list}: paths with a leading slash, API URLs outside
	 * commits. Exported, the paths are relative (a SARIF {@code artifactLocation.uri} from the repository root)
	 * and every link is a web page.
	 */
	@Test
	void exportWhenGitHubGivesPathsWithALeadingSlashThenRelativePathsAndWebLinks() throws IOException {
		JsonNode official = OctokitDescriptions.restExample("secret-scanning-location-list");
		ObjectNode alert = org.alert("api", 2, "slack_api_token", "open", NOW.plusSeconds(60));
		alert.set("first_location_detected", official.get(0).get("details").deepCopy());
		alert.put("has_more_locations", true);
		List<ObjectNode> locations = new ArrayList<>();
		official.forEach(location -> locations.add((ObjectNode) location));
		github.alertPages(ORG, List.of(List.of(alert)), null);
		github.locations("acme/api", 2, locations);
		sync.run("test").block();
		assertThat(postgres.count("select count(*) from alert_location l join alert a on a.id = l.alert_id "
				+ "where a.provider_alert_id = '2'")).isEqualTo(official.size());

		List<String> lines = List.of(download("/api/v1/alerts/export?repository=acme/api", API_TOKEN, "text/csv", null)
			.split("\r\n"));
		List<String> header = List.of(lines.get(0).split(","));
		List<String> paths = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			List<String> cells = List.of(line.split(",", -1));
			paths.add(cells.get(header.indexOf("path")));
			assertThat(cells.get(header.indexOf("file_url"))).startsWith("https://github.com/").doesNotContain("//example");
		}
		assertThat(paths).contains("example/secrets.txt", "example/Home.md").noneMatch(path -> path.startsWith("/"));

		JsonNode run = json.readTree(download("/api/v1/alerts/export?format=sarif&repository=acme/api", API_TOKEN,
				"application/sarif+json", null)).get("runs").get(0);
		List<String> uris = new ArrayList<>();
		for (JsonNode result : run.get("results")) {
			result.findValues("artifactLocation").forEach(artifact -> uris.add(artifact.get("uri").asText()));
			assertThat(result.get("properties").get("fileUrl").asText()).startsWith("https://github.com/");
		}
		assertThat(uris).containsExactlyInAnyOrder("config/app-1.yml", "example/secrets.txt");
		// code scanning shows files of the repository: the wiki's page and the issue and pull-request texts are
		// counted instead, and the two commits are no one revision
		JsonNode omitted = run.get("properties").get("omittedLocations");
		assertThat(omitted.get("wiki_commit").asInt()).isOne();
		assertThat(omitted.get("pull_request_review_comment").asInt()).isOne();
		assertThat(omitted.size()).isEqualTo(official.size() - 1);
		assertThat(run.get("versionControlProvenance").get(0).has("revisionId")).isFalse();

		// the alert API serves the same links
		JsonNode served = json.readTree(download("/api/v1/alerts?repository=acme/api", API_TOKEN, "application/json", null));
		List<String> fileUrls = served.get("items").findValues("locations").stream()
			.flatMap(JsonNode::valueStream)
			.map(location -> location.get("fileUrl").asText())
			.toList();
		assertThat(fileUrls).hasSize(1 + official.size())
			.allSatisfy(url -> assertThat(url).startsWith("https://github.com/"))
			.contains("https://github.com/octocat/Hello-World/pull/2846#pullrequestreview-80",
					"https://github.com/acme/api/security/secret-scanning/2");
	}

	@Test
	void exportWhenScopedToAnotherOrganizationThenOnlyTheHeader() throws IOException {
		String csv = download("/api/v1/alerts/export", GLOBEX_TOKEN, "text/csv", null);
		assertThat(csv.split("\r\n")).singleElement().asString().startsWith("alert_id,");
		JsonNode sarif = json.readTree(download("/api/v1/alerts/export?format=sarif", GLOBEX_TOKEN,
				"application/sarif+json", null));
		assertThat(sarif.get("runs")).singleElement().satisfies(run -> {
			assertThat(run.get("results")).isEmpty();
			assertThat(run.get("tool").get("driver").get("rules")).isEmpty();
		});
		assertThat(json.readTree(download("/api/v1/attack-paths/export", GLOBEX_TOKEN, "application/json", null)))
			.isEmpty();
	}

	@Test
	void exportWhenUnknownFormatOrParameterThenBadRequest() {
		for (String uri : List.of("/api/v1/alerts/export?format=xlsx", "/api/v1/alerts/export?limit=5",
				"/api/v1/attack-paths/export?format=csv")) {
			web.get().uri(uri).headers(headers -> headers.setBearerAuth(API_TOKEN)).exchange().expectStatus()
				.isBadRequest();
		}
	}

	private String download(String uri, String token, String contentType, String disposition) {
		var response = web.get().uri(uri).headers(headers -> headers.setBearerAuth(token)).exchange().expectStatus()
			.isOk().expectHeader().contentTypeCompatibleWith(contentType);
		if (disposition != null) {
			response.expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, disposition);
		}
		return response.expectBody(String.class).returnResult().getResponseBody();
	}

}
