package dev.leakpath.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.testsupport.TestPostgres;

/**
 * {@code V202612011620__location_paths}: rows stored before, as the mappers of the time wrote them from GitHub's own
 * example {@code secret-scanning-location-list}, become what the mappers write now.
 */
class LocationPathsMigrationTests {

	private static final MigrationVersion LOCATION_PATHS = MigrationVersion.fromVersion("202612011620");

	private static final String WEB = "https://github.com/octocat/Hello-World";

	private static final String API = "https://api.github.com/repos/octocat/Hello-World";

	private static final String ALERT_PAGE = WEB + "/security/secret-scanning/2";

	private static final String COMMIT = "f14d7debf9775f957cf4f1e8176da0786431f72b";

	private static final String WIKI_COMMIT = "302c0b7e200761c9dd9b57e57db540ee0b4293a5";

	private static TestPostgres database;

	@BeforeAll
	static void storedBeforeTheMigration() {
		database = TestPostgres.get().sibling("location_paths");
		MigrationVersion before = Arrays.stream(flyway(MigrationVersion.LATEST).info().all())
			.map(MigrationInfo::getVersion)
			// repeatable migrations have no version
			.filter(version -> version != null && version.compareTo(LOCATION_PATHS) < 0)
			.max(Comparator.naturalOrder())
			.orElseThrow();
		flyway(before).migrate();
		database.execute("""
				insert into repository (id, provider, organization, name, full_name, url)
				values (1, 'github', 'octocat', 'Hello-World', 'octocat/Hello-World', '%s'),
				       (2, 'azure_devops', 'contoso', 'api', 'contoso/Payments/api', 'https://dev.azure.com/contoso/Payments/_git/api');
				insert into alert (id, provider, repository_id, provider_alert_id, secret_type, provider_secret_type,
				                   state, provider_state, created_at, alert_url)
				values (1, 'github', 1, '2', 'github_personal_access_token', 'github_personal_access_token', 'open', 'open',
				        now(), '%s'),
				       (2, 'github', 1, '3', 'slack_api_token', 'slack_api_token', 'open', 'open', now(),
				        '%s/security/secret-scanning/3'),
				       (3, 'azure_devops', 2, '21', 'azure_devops_personal_access_token', 'AdoPat', 'open', 'active', now(),
				        null);
				""".formatted(WEB, ALERT_PAGE, WEB));
		location(1, "commit|" + COMMIT + "|/example/secrets.txt|1|1", "commit", "/example/secrets.txt", COMMIT,
				WEB + "/blob/" + COMMIT + "//example/secrets.txt#L1", API + "/git/blobs/af5626b4a114abcb82d63db7c8082c3c4756e51b");
		location(1, "wiki_commit|" + WIKI_COMMIT + "|/example/Home.md|1|1", "wiki_commit", "/example/Home.md",
				WIKI_COMMIT, WEB + "/wiki/Home/" + WIKI_COMMIT, WEB + "/wiki/Home/" + WIKI_COMMIT);
		apiLocation(1, "issue_title", API + "/issues/1347");
		apiLocation(1, "issue_comment", API + "/issues/comments/1081119451");
		apiLocation(1, "pull_request_body", API + "/pulls/2846");
		apiLocation(1, "pull_request_review", API + "/pulls/2846/reviews/80");
		apiLocation(1, "pull_request_review_comment", API + "/pulls/comments/12");
		apiLocation(1, "discussion_title", "https://github.com/community/community/discussions/39082");
		location(1, "issue_body|" + API + "/issues/1", "issue_body", null, null, WEB + "/issues/1", API + "/issues/1");
		// alert 2: the same place stored relative (read again since) and slashed, and slashed twice over
		location(2, "commit|" + COMMIT + "|/.env|4|9", "commit", "/.env", COMMIT, WEB + "/blob/" + COMMIT + "//.env#L4",
				null);
		location(2, "commit|" + COMMIT + "|.env|4|9", "commit", ".env", COMMIT, WEB + "/blob/" + COMMIT + "/.env#L4", null);
		location(2, "commit|" + COMMIT + "|//deploy/key.pem|1|1", "commit", "//deploy/key.pem", COMMIT,
				WEB + "/blob/" + COMMIT + "///deploy/key.pem#L1", null);
		location(2, "commit|" + COMMIT + "|/deploy/key.pem|1|1", "commit", "/deploy/key.pem", COMMIT,
				WEB + "/blob/" + COMMIT + "//deploy/key.pem#L1", null);
		location(3, "commit|abc|src/appsettings.json|3|5", "commit", "src/appsettings.json", "abc",
				"https://dev.azure.com/contoso/Payments/_git/api?path=%2Fsrc%2Fappsettings.json", null);
		flyway(MigrationVersion.LATEST).migrate();
	}

	@Test
	void migrateThenPathsKeysAndFileLinksAreRelative() {
		assertThat(database.rows("select location_key, path, file_url from alert_location "
				+ "where alert_id = 1 and type in ('commit', 'wiki_commit') order by id"))
			.containsExactly(
					key("commit", COMMIT, "example/secrets.txt", 1) + "|example/secrets.txt|" + WEB + "/blob/" + COMMIT
							+ "/example/secrets.txt#L1",
					key("wiki_commit", WIKI_COMMIT, "example/Home.md", 1) + "|example/Home.md|" + WEB + "/wiki/Home/"
							+ WIKI_COMMIT);
	}

	@Test
	void migrateWhenTwoRowsBecomeOneThenTheRelativeOrElseTheOldestStays() {
		assertThat(database.rows("select id, location_key, file_url from alert_location where alert_id = 2 order by id"))
			.containsExactly("11|" + key("commit", COMMIT, ".env", 4) + "|" + WEB + "/blob/" + COMMIT + "/.env#L4",
					"12|" + key("commit", COMMIT, "deploy/key.pem", 1) + "|" + WEB + "/blob/" + COMMIT
							+ "/deploy/key.pem#L1");
	}

	@Test
	void migrateThenGitHubPagesReplaceApiUrlsOutsideCommits() {
		assertThat(database.rows("select type, file_url, source_url = file_url from alert_location "
				+ "where alert_id = 1 and path is null order by id"))
			.containsExactly("issue_title|" + WEB + "/issues/1347|f", "issue_comment|" + ALERT_PAGE + "|f",
					"pull_request_body|" + WEB + "/pull/2846|f",
					"pull_request_review|" + WEB + "/pull/2846#pullrequestreview-80|f",
					"pull_request_review_comment|" + ALERT_PAGE + "|f",
					"discussion_title|https://github.com/community/community/discussions/39082|t",
					"issue_body|" + WEB + "/issues/1|f");
	}

	@Test
	void migrateThenAzureDevOpsRowsAreUntouched() {
		assertThat(database.rows("select location_key, path, file_url from alert_location where alert_id = 3"))
			.containsExactly("commit|abc|src/appsettings.json|3|5|src/appsettings.json|"
					+ "https://dev.azure.com/contoso/Payments/_git/api?path=%2Fsrc%2Fappsettings.json");
	}

	/** The key the application builds for the location now, so that reading it again finds the migrated row. */
	private static String key(String type, String commit, String path, int line) {
		int column = line == 4 ? 9 : 1;
		return new NormalizedLocation(type, path, line, line, column, null, commit, null, null, null, null).key();
	}

	private static void apiLocation(long alertId, String type, String url) {
		location(alertId, type + "|" + url, type, null, null, url, url);
	}

	private static void location(long alertId, String key, String type, String path, String commit, String fileUrl,
			String sourceUrl) {
		Integer line = path == null ? null : path.endsWith(".env") ? 4 : 1;
		Integer column = line == null ? null : line == 4 ? 9 : 1;
		database.execute("insert into alert_location (alert_id, location_key, type, path, start_line, end_line, "
				+ "start_column, commit_sha, file_url, source_url) values (" + alertId + ", " + literal(key) + ", "
				+ literal(type) + ", " + literal(path) + ", " + line + ", " + line + ", " + column + ", "
				+ literal(commit) + ", " + literal(fileUrl) + ", " + literal(sourceUrl) + ")");
	}

	private static String literal(String value) {
		return value == null ? "null" : "'" + value.replace("'", "''") + "'";
	}

	private static Flyway flyway(MigrationVersion target) {
		return Flyway.configure()
			.dataSource(database.jdbcUrl(), database.user(), database.password())
			.target(target)
			.load();
	}

}
