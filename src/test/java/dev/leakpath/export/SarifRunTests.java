package dev.leakpath.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakpath.alert.AlertExportRow;
import dev.leakpath.alert.AlertView;
import dev.leakpath.secrettype.SecretType;

/** A repository's run: results for file locations only, the others counted; fingerprints of secret and place. */
class SarifRunTests {

	private static final Map<String, Object> DRIVER = Map.of("name", "leakpath", "version", "1.2.3");

	private static final String COMMIT = "ecdb8b1c40a6e0a3a0d4f0e0f2b1a9c8d7e6f5a4";

	@Test
	void resultWhenAFileLocationThenARelativeUriFromTheRepositoryRootAndItsRegion() {
		AlertExportRow row = row("secret-a", "1", location("commit", "docs/my notes.md", 3, 4, 7, 2));
		SarifRun run = run(row);

		Map<String, Object> result = run.result(row).orElseThrow();

		assertThat(result.get("ruleId")).isEqualTo("slack_api_token");
		assertThat(result.get("message")).isEqualTo(Map.of("text", "Exposed Slack API Token (open), alert 1 of acme/api."));
		assertThat(result.get("locations")).isEqualTo(List.of(Map.of("physicalLocation", Map.of("artifactLocation",
				Map.of("uri", "docs/my%20notes.md", "uriBaseId", "%SRCROOT%"), "region",
				Map.of("startLine", 3, "startColumn", 7, "endLine", 4, "endColumn", 2)))));
		assertThat(result.get("rank")).isEqualTo(40);
		assertThat(result.get("partialFingerprints")).isEqualTo(Map.of("leakpathSecretLocation/v1",
				SarifRun.fingerprint(row, row.location())));
		Map<?, ?> tool = (Map<?, ?>) run.tail(DRIVER).get("tool");
		assertThat(((Map<?, ?>) tool.get("driver")).get("version")).isEqualTo("1.2.3");
		assertThat((List<?>) ((Map<?, ?>) tool.get("driver")).get("rules")).singleElement()
			.satisfies(rule -> assertThat(((Map<?, ?>) rule).get("id")).isEqualTo("slack_api_token"));
		assertThat(run.tail(DRIVER).get("automationDetails")).isEqualTo(Map.of("id", "leakpath/github/acme/api/"));
	}

	@Test
	void resultWhenNotAFileOfTheRepositoryThenLeftOutAndCountedByType() {
		SarifRun run = run(row("secret-a", "1", null));

		assertThat(run.result(row("secret-a", "1", location("issue_comment", null, null, null, null, null)))).isEmpty();
		assertThat(run.result(row("secret-a", "1", location("wiki_commit", "Home.md", 1, 1, 1, 5)))).isEmpty();
		assertThat(run.result(row("secret-a", "1", location("commit", "a.txt", null, null, null, null)))).isEmpty();
		assertThat(run.result(row("secret-a", "2", null))).isEmpty();
		assertThat(run.result(row("secret-a", "1", location("issue_comment", null, null, null, null, null)))).isEmpty();

		assertThat(run.tail(DRIVER).get("properties")).isEqualTo(Map.of("provider", "github", "organization", "acme",
				"repository", "acme/api", "owners", List.of("@acme/api-owners"), "omittedLocations", Map.of("commit", 1L, "issue_comment", 2L, "none", 1L,
						"wiki_commit", 1L)));
	}

	@Test
	void regionWhenAnEndPrecedesItsStartThenTheEndIsLeftOut() {
		SarifRun run = run(row("secret-a", "1", null));

		Map<String, Object> region = region(run.result(row("secret-a", "1", location("commit", "a.txt", 5, 4, 9, 3)))
			.orElseThrow());
		Map<String, Object> oneLine = region(run.result(row("secret-a", "1", location("commit", "a.txt", 5, 5, 9, 3)))
			.orElseThrow());
		Map<String, Object> zeroColumns = region(run.result(row("secret-a", "1", location("commit", "a.txt", 5, 5, 0, 0)))
			.orElseThrow());

		// without its end line the region ends on its start line, where column 3 precedes 9
		assertThat(region).isEqualTo(Map.of("startLine", 5, "startColumn", 9));
		assertThat(oneLine).isEqualTo(Map.of("startLine", 5, "startColumn", 9, "endLine", 5));
		assertThat(zeroColumns).isEqualTo(Map.of("startLine", 5, "endLine", 5));
	}

	@Test
	void fingerprintThenTheSameSecretAtTheSamePlaceAloneIsTheSame() {
		AlertView.Location here = location("commit", "a.txt", 5, 5, 9, 30);

		String fingerprint = SarifRun.fingerprint(row("secret-a", "1", here), here);

		assertThat(fingerprint).matches("[0-9a-f]{64}")
			.isEqualTo(SarifRun.fingerprint(row("secret-a", "7", here), here))
			.isNotEqualTo(SarifRun.fingerprint(row("secret-b", "1", here), here))
			.isNotEqualTo(SarifRun.fingerprint(row("secret-a", "1", here), location("commit", "a.txt", 6, 6, 9, 30)))
			.isNotEqualTo(SarifRun.fingerprint(row("secret-a", "1", here), location("commit", "b.txt", 5, 5, 9, 30)));
		// a secret the provider withheld: its alert stands for it
		assertThat(SarifRun.fingerprint(row(null, "1", here), here))
			.isNotEqualTo(SarifRun.fingerprint(row(null, "2", here), here));
	}

	@Test
	void tailWhenEveryResultIsAtOneCommitThenItIsTheRevision() {
		SarifRun oneCommit = run(row("secret-a", "1", null));
		oneCommit.result(row("secret-a", "1", location("commit", "a.txt", 1, 1, 1, 2)));
		oneCommit.result(row("secret-a", "2", location("commit", "b.txt", 1, 1, 1, 2)));
		SarifRun twoCommits = run(row("secret-a", "1", null));
		twoCommits.result(row("secret-a", "1", location("commit", "a.txt", 1, 1, 1, 2)));
		twoCommits.result(row("secret-a", "2", new AlertView.Location("commit", "b.txt", 1, 1, 1, 2, null, null, null,
				null)));

		assertThat(oneCommit.tail(DRIVER).get("versionControlProvenance")).isEqualTo(List.of(Map.of("repositoryUri",
				"https://github.com/acme/api", "revisionId", COMMIT, "branch", "main", "mappedTo",
				Map.of("uriBaseId", "%SRCROOT%"))));
		assertThat(twoCommits.tail(DRIVER).get("versionControlProvenance")).isEqualTo(List.of(Map.of("repositoryUri",
				"https://github.com/acme/api", "branch", "main", "mappedTo", Map.of("uriBaseId", "%SRCROOT%"))));
	}

	private static SarifRun run(AlertExportRow first) {
		return new SarifRun(first, (id, name) -> new SecretType(id, name, "token", "saas", true));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> region(Map<String, Object> result) {
		Map<String, Object> location = ((List<Map<String, Object>>) result.get("locations")).get(0);
		return (Map<String, Object>) ((Map<String, Object>) location.get("physicalLocation")).get("region");
	}

	static AlertView.Location location(String type, String path, Integer startLine, Integer endLine,
			Integer startColumn, Integer endColumn) {
		return new AlertView.Location(type, path, startLine, endLine, startColumn, endColumn, COMMIT, null, null, null);
	}

	static AlertExportRow row(String fingerprint, String providerAlertId, AlertView.Location location) {
		return new AlertExportRow(Long.parseLong(providerAlertId), "github", "acme", 1, "acme/api",
				"https://github.com/acme/api", "main", providerAlertId, "slack_api_token", "Slack API Token", "open",
				"active", Instant.EPOCH, null,
				"https://github.com/acme/api/security/secret-scanning/" + providerAlertId, fingerprint, null, null, null, 40,
				"medium", List.of("@acme/api-owners"), 0, location);
	}

}
