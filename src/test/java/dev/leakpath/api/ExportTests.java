package dev.leakpath.api;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OctokitDescriptions;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** CSV and SARIF exports: one line or result per location, filtered and scoped, and never a secret. */
class ExportTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private final ObjectMapper json = new ObjectMapper();

	@Autowired
	private SyncService sync;

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
	void sarifThenOneRulePerSecretTypeAndOneResultPerLocation() throws IOException {
		JsonNode log = json.readTree(download("/api/v1/alerts/export?format=sarif", API_TOKEN, "application/sarif+json",
				"attachment; filename=\"leakpath-alerts.sarif\""));

		assertThat(log.get("version").asText()).isEqualTo("2.1.0");
		assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
		JsonNode run = log.get("runs").get(0);
		assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("leakpath");
		assertThat(run.get("tool").get("driver").get("rules").findValuesAsText("id")).containsExactly(
				"azure_storage_account_key", "github_personal_access_token", "slack_api_token");
		JsonNode results = run.get("results");
		assertThat(results).hasSize((int) postgres.count("select count(*) from alert_location"));
		List<String> levels = new ArrayList<>();
		for (JsonNode result : results) {
			JsonNode physical = result.get("locations").get(0).get("physicalLocation");
			assertThat(physical.get("artifactLocation").get("uri").asText()).startsWith("config/app-");
			assertThat(physical.get("region").get("startLine").asInt()).isPositive();
			assertThat(result.get("partialFingerprints").get("leakpathSecretFingerprint/v1").asText())
				.matches("[0-9a-f]{64}");
			assertThat(result.get("properties").get("alertUrl").asText()).startsWith("https://github.com/acme/");
			levels.add(result.get("ruleId").asText() + ":" + result.get("level").asText());
		}
		assertThat(levels).contains("slack_api_token:note", "github_personal_access_token:error");
		org.issuedSecrets().forEach(secret -> assertThat(log.toString()).doesNotContain(secret));
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

		JsonNode results = json.readTree(download("/api/v1/alerts/export?format=sarif&repository=acme/api", API_TOKEN,
				"application/sarif+json", null)).get("runs").get(0).get("results");
		List<String> uris = new ArrayList<>();
		for (JsonNode result : results) {
			result.findValues("artifactLocation").forEach(artifact -> uris.add(artifact.get("uri").asText()));
			assertThat(result.get("properties").get("fileUrl").asText()).startsWith("https://github.com/");
		}
		assertThat(uris).contains("example/secrets.txt", "example/Home.md").noneMatch(uri -> uri.startsWith("/"));

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
		assertThat(sarif.get("runs").get(0).get("results")).isEmpty();
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
