package dev.leakpath.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.alert.AlertView;
import dev.leakpath.secrettype.SecretType;

/** The log's shape as rows stream by: a run per repository, closed when the next begins. */
class SarifLogTests {

	/** A document followed by anything more is no document. */
	private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	@Test
	void writeWhenRowsOfTwoRepositoriesThenARunEachWithItsResultsRulesAndCounts() throws Exception {
		JsonNode log = write(Flux.just(row(1, "acme/api", 11, "slack_api_token", "a.txt"),
				row(1, "acme/api", 11, "slack_api_token", null), row(1, "acme/api", 12, "github_personal_access_token", "b.txt"),
				row(2, "acme/web", 13, "slack_api_token", null)));

		List<String> runs = new ArrayList<>();
		for (JsonNode run : log.get("runs")) {
			runs.add(run.get("properties").get("repository").asText() + " " + run.get("results").size() + " "
					+ run.get("tool").get("driver").get("rules").findValuesAsText("id") + " "
					+ run.get("properties").get("omittedLocations"));
			assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("leakpath");
		}
		assertThat(runs).containsExactly(
				"acme/api 2 [github_personal_access_token, slack_api_token] {\"issue_comment\":1}",
				"acme/web 0 [slack_api_token] {\"issue_comment\":1}");
	}

	@Test
	void writeWhenNoRowsThenOneRunWithoutResults() throws Exception {
		JsonNode log = write(Flux.empty());

		assertThat(log.get("version").asText()).isEqualTo("2.1.0");
		assertThat(log.get("runs")).singleElement().satisfies(run -> {
			assertThat(run.get("results")).isEmpty();
			assertThat(run.get("tool").get("driver").get("rules")).isEmpty();
		});
	}

	private JsonNode write(Flux<AlertExportRow> rows) throws Exception {
		String log = String.join("", SarifLog.write(json, Map.of("name", "leakpath"),
				(id, name) -> new SecretType(id, name == null ? id : name, "token", "saas", true), rows).collectList()
			.block());
		return json.readTree(log);
	}

	/** A row of a commit location at {@code path}, or of an issue comment when it is null. */
	private static AlertExportRow row(long repositoryId, String repository, long alertId, String secretType,
			String path) {
		AlertView.Location location = path == null
				? new AlertView.Location("issue_comment", null, null, null, null, null, null, null, null, null)
				: new AlertView.Location("commit", path, 1, 1, 1, 10, "abc123", null, null, null);
		return new AlertExportRow(alertId, "github", "acme", repositoryId, repository,
				"https://github.com/" + repository, "main", String.valueOf(alertId), secretType, null, "open", "active",
				Instant.EPOCH, null, null, "fingerprint-" + alertId, null, null, null, 10, "low", List.of(), 0, location);
	}

}
