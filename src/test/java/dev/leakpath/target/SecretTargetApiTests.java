package dev.leakpath.target;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/** Targets are resolved while alerts are stored, and only their identifiers reach the database and the API. */
class SecretTargetApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");


	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@Test
	void syncThenEveryAlertCarriesItsSecretsTarget() {
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "postgres_connection_string", "open", NOW),
				org.alert("api", 2, "azure_sas_token", "open", NOW.minusSeconds(1)),
				org.alert("web", 1, "github_personal_access_token", "open", NOW.minusSeconds(2)),
				org.alert("web", 2, "azure_storage_account_key", "open", NOW.minusSeconds(3)))), null);

		sync.run("test").block();

		JsonNode database = alert(ORG + "/api", "1").get("target");
		assertThat(database.get("kind").asText()).isEqualTo("cloud_resource");
		assertThat(database.get("cloud").asText()).isEqualTo("azure");
		assertThat(database.get("resourceType").asText()).isEqualTo("Microsoft.DBforPostgreSQL/flexibleServers");
		assertThat(database.get("name").asText()).isEqualTo("db-acme-prod");
		assertThat(database.get("host").asText()).isEqualTo("db-acme-prod.postgres.database.azure.com");
		assertThat(alert(ORG + "/api", "2").get("target").get("resourceType").asText()).isEqualTo("Microsoft.Storage/storageAccounts");
		assertThat(alert(ORG + "/api", "2").get("target").get("name").asText()).isEqualTo("acmeprodstore");
		assertThat(alert(ORG + "/web", "1").get("target").get("kind").asText()).isEqualTo("saas_identity");
		assertThat(alert(ORG + "/web", "1").get("target").get("resourceType").asText()).isEqualTo("github");
		assertThat(alert(ORG + "/web", "2").get("target").get("kind").asText()).isEqualTo("unresolved");
		String everything = postgres.dumpAllTables();
		org.issuedSecrets().forEach(secret -> assertThat(everything).doesNotContain(secret));
		assertThat(everything).doesNotContain("Pa55");
	}

	@Test
	void secretsWhenOneCredentialInTwoRepositoriesThenOneSecretWithBothAlerts() {
		String shared = org.secretFor("postgres_connection_string");
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "postgres_connection_string", "open", NOW, shared),
				org.alert("infra", 4, "postgres_connection_string", "resolved", NOW.minusSeconds(1), shared),
				org.alert("web", 1, "github_personal_access_token", "open", NOW.minusSeconds(2)))), null);
		sync.run("test").block();

		JsonNode all = getJson("/api/v1/secrets");
		JsonNode resources = getJson("/api/v1/secrets?targetKind=cloud_resource");

		assertThat(all.get("items")).hasSize(2);
		assertThat(resources.get("items")).hasSize(1);
		JsonNode database = resources.get("items").get(0);
		assertThat(database.get("alerts").asInt()).isEqualTo(2);
		assertThat(database.get("openAlerts").asInt()).isEqualTo(1);
		assertThat(database.get("repositories")).extracting(JsonNode::asText).containsExactly("acme/api", "acme/infra");
		assertThat(database.get("target").get("name").asText()).isEqualTo("db-acme-prod");
		assertThat(database.toString()).doesNotContain(shared);
		web.get().uri("/api/v1/secrets?targetKind=bucket").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void syncWhenOnlyTheKeyIsInTheAlertThenTheFileAroundItNamesTheAccountAndIsNotKept() {
		ObjectNode keyOnly = org.alert("api", 3, "azure_storage_account_key", "open", NOW);
		String key = keyOnly.get("secret").asText();
		String file = "{\n  \"Logging\": {\"LogLevel\": {\"Default\": \"Information\"}},\n  \"ConnectionStrings\": {\n"
				+ "    \"Reports\": \"DefaultEndpointsProtocol=https;AccountName=reportsprod01;AccountKey=" + key
				+ ";EndpointSuffix=core.windows.net\",\n    \"Db\": \"Host=x;Password=FileOnlyCanary\"\n  }\n}\n";
		keyOnly.set("first_location_detected", ((ObjectNode) keyOnly.get("first_location_detected")).put("start_line", 4)
			.put("end_line", 4));
		github.alertPages(ORG, List.of(List.of(keyOnly)), null);
		github.server().stubFor(get(urlPathMatching("/repos/acme/api/git/blobs/[0-9a-f]{40}"))
			.willReturn(FakeGitHub.json(200, GitHubPayloads.blob(file))));

		sync.run("test").block();

		JsonNode target = alert(ORG + "/api", "3").get("target");
		assertThat(target.get("kind").asText()).isEqualTo("cloud_resource");
		assertThat(target.get("name").asText()).isEqualTo("reportsprod01");
		assertThat(target.get("confidence").asText()).isEqualTo("medium");
		assertThat(target.get("evidence").asText()).startsWith("near the secret:");
		String everything = postgres.dumpAllTables();
		assertThat(everything).doesNotContain(key).doesNotContain("FileOnlyCanary").doesNotContain("LogLevel");
	}

	@Test
	void syncWhenTwoKeysInOneFileThenTheFileIsReadOnceForBoth() {
		ObjectNode reports = org.alert("api", 5, "azure_storage_account_key", "open", NOW);
		ObjectNode backups = org.alert("api", 6, "azure_storage_account_key", "open", NOW.minusSeconds(1));
		String file = "Reports=DefaultEndpointsProtocol=https;AccountName=reportsprod01;AccountKey="
				+ reports.get("secret").asText() + ";EndpointSuffix=core.windows.net\n" + "\n".repeat(30)
				+ "Backups=DefaultEndpointsProtocol=https;AccountName=backupsprod02;AccountKey="
				+ backups.get("secret").asText() + ";EndpointSuffix=core.windows.net\n";
		String blob = "b".repeat(40);
		// GitHub reports both secrets at the same blob, on lines 1 and 32
		((ObjectNode) reports.get("first_location_detected")).put("blob_sha", blob).put("start_line", 1).put("end_line", 1);
		((ObjectNode) backups.get("first_location_detected")).put("blob_sha", blob).put("start_line", 32).put("end_line", 32);
		github.alertPages(ORG, List.of(List.of(reports, backups)), null);
		github.server().stubFor(get(urlPathMatching("/repos/acme/api/git/blobs/" + blob))
			.willReturn(FakeGitHub.json(200, JsonNodeFactory.instance.objectNode()
				.put("sha", blob).put("size", file.length()).put("encoding", "base64")
				.put("content", Base64.getMimeEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8))))));

		sync.run("test").block();

		assertThat(alert(ORG + "/api", "5").get("target").get("name").asText()).isEqualTo("reportsprod01");
		assertThat(alert(ORG + "/api", "6").get("target").get("name").asText()).isEqualTo("backupsprod02");
		assertThat(github.server().findAll(getRequestedFor(urlPathMatching("/repos/acme/api/git/blobs/.*")))).hasSize(1);
	}

}
