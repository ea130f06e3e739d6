package dev.leakpath.ingest.github;

import static dev.leakpath.testsupport.GitHubPayloads.details;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leakpath.ingest.github.payload.LocationPayload;
import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.testsupport.GitHubPayloads;
import dev.leakpath.testsupport.OctokitDescriptions;

class GitHubLocationMapperTests {

	private static final String REPO_HTML = "https://github.com/acme/api";

	private static final String ALERT_HTML = REPO_HTML + "/security/secret-scanning/42";

	// the repository of GitHub's own examples
	private static final String OCTOCAT_HTML = "https://github.com/octocat/Hello-World";

	private static final String OCTOCAT_ALERT = OCTOCAT_HTML + "/security/secret-scanning/2";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String COMMIT_SHA = "3b1f1a9e0c5d4e7f8a2b6c9d0e1f2a3b4c5d6e7f";

	private static final String BLOB_SHA = "af5626b4a114abcb82d63db7c8082c3c4756e51b";

	@Test
	void inferTypeWhenCommitDetailsThenCommit() {
		assertThat(GitHubLocationMapper.inferType(commitDetails("config/app.yml", 3, 5))).isEqualTo("commit");
	}

	@Test
	void inferTypeWhenDetailsHavePageUrlThenWikiCommit() {
		assertThat(GitHubLocationMapper.inferType(wikiDetails())).isEqualTo("wiki_commit");
	}

	@Test
	void inferTypeWhenIssueDetailsThenIssueKind() {
		assertThat(GitHubLocationMapper.inferType(details(GitHubPayloads.issueTitleLocation("acme", "api", 7))))
			.isEqualTo("issue_title");
		assertThat(GitHubLocationMapper.inferType(urlDetails("issue_body_url"))).isEqualTo("issue_body");
		assertThat(GitHubLocationMapper.inferType(issueCommentDetails())).isEqualTo("issue_comment");
	}

	@Test
	void inferTypeWhenDiscussionDetailsThenDiscussionKind() {
		assertThat(GitHubLocationMapper.inferType(urlDetails("discussion_title_url"))).isEqualTo("discussion_title");
		assertThat(GitHubLocationMapper.inferType(urlDetails("discussion_body_url"))).isEqualTo("discussion_body");
		assertThat(GitHubLocationMapper
			.inferType(details(GitHubPayloads.discussionCommentLocation("acme", "api", 12, 4567L))))
			.isEqualTo("discussion_comment");
	}

	@Test
	void inferTypeWhenPullRequestDetailsThenPullRequestKind() {
		assertThat(GitHubLocationMapper.inferType(urlDetails("pull_request_title_url")))
			.isEqualTo("pull_request_title");
		assertThat(GitHubLocationMapper.inferType(details(GitHubPayloads.pullRequestBodyLocation("acme", "api", 42))))
			.isEqualTo("pull_request_body");
		assertThat(GitHubLocationMapper.inferType(urlDetails("pull_request_comment_url")))
			.isEqualTo("pull_request_comment");
		assertThat(GitHubLocationMapper.inferType(urlDetails("pull_request_review_url")))
			.isEqualTo("pull_request_review");
		assertThat(GitHubLocationMapper.inferType(urlDetails("pull_request_review_comment_url")))
			.isEqualTo("pull_request_review_comment");
	}

	@Test
	void fromFirstDetectedWhenCommitOverSeveralLinesThenLinksBlobLineRangeAndCommit() {
		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(commitDetails("config/app.yml", 3, 5),
				REPO_HTML, ALERT_HTML);

		assertThat(location.type()).isEqualTo("commit");
		assertThat(location.fileUrl()).isEqualTo(REPO_HTML + "/blob/" + COMMIT_SHA + "/config/app.yml#L3-L5");
		assertThat(location.commitUrl()).isEqualTo(REPO_HTML + "/commit/" + COMMIT_SHA);
		assertThat(location.commitSha()).isEqualTo(COMMIT_SHA);
		assertThat(location.blobSha()).isEqualTo(BLOB_SHA);
		assertThat(location.startLine()).isEqualTo(3);
		assertThat(location.endLine()).isEqualTo(5);
	}

	@Test
	void fromFirstDetectedWhenCommitOnOneLineThenLinksSingleLine() {
		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(commitDetails("config/app.yml", 8, 8),
				REPO_HTML, ALERT_HTML);

		assertThat(location.fileUrl()).isEqualTo(REPO_HTML + "/blob/" + COMMIT_SHA + "/config/app.yml#L8");
	}

	@Test
	void fromFirstDetectedWhenPathHasSpacesThenEncodesSpacesAndKeepsSlashes() {
		NormalizedLocation location = GitHubLocationMapper
			.fromFirstDetected(commitDetails("deploy/prod config/my secrets.env", 1, 1), REPO_HTML, ALERT_HTML);

		assertThat(location.fileUrl())
			.isEqualTo(REPO_HTML + "/blob/" + COMMIT_SHA + "/deploy/prod%20config/my%20secrets.env#L1");
		assertThat(location.path()).isEqualTo("deploy/prod config/my secrets.env");
	}

	@Test
	void fromFirstDetectedWhenWikiCommitThenLinksPageAndCompare() {
		ObjectNode details = wikiDetails();

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML, ALERT_HTML);

		assertThat(location.type()).isEqualTo("wiki_commit");
		assertThat(location.fileUrl()).isEqualTo(details.get("page_url").asText())
			.isEqualTo(REPO_HTML + "/wiki/Deployment/" + COMMIT_SHA);
		assertThat(location.commitUrl()).isEqualTo(REPO_HTML + "/wiki/_compare/" + COMMIT_SHA);
	}

	@Test
	void fromFirstDetectedWhenIssueCommentWithHtmlUrlThenLinksHtmlUrl() {
		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(issueCommentDetails(), REPO_HTML, ALERT_HTML);

		assertThat(location.type()).isEqualTo("issue_comment");
		assertThat(location.fileUrl()).isEqualTo(REPO_HTML + "/issues/7#issuecomment-987");
		assertThat(location.sourceUrl()).isEqualTo("https://api.github.com/repos/acme/api/issues/comments/987");
		assertThat(location.commitUrl()).isNull();
	}

	@Test
	void fromFirstDetectedWhenIssueCommentWithoutHtmlUrlThenLinksTheAlertPage() {
		ObjectNode details = issueCommentDetails();
		details.remove("html_url");

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML, ALERT_HTML);

		// a comment's API URL names it by id only: its issue, and so its page, is unknown
		assertThat(location.fileUrl()).isEqualTo(ALERT_HTML);
		assertThat(location.sourceUrl()).isEqualTo("https://api.github.com/repos/acme/api/issues/comments/987");
	}

	@Test
	void fromFirstDetectedWhenUnknownShapeThenUnknownTypeWithoutUrls() {
		ObjectNode details = JsonNodeFactory.instance.objectNode().put("gist_id", "aa5a315d61ae9438b18d");

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML, ALERT_HTML);

		assertThat(location.type()).isEqualTo("unknown");
		assertThat(location.fileUrl()).isNull();
		assertThat(location.commitUrl()).isNull();
	}

	@Test
	void fromFirstDetectedWhenDetailsNullOrNotAnObjectThenUnknownType() {
		assertThat(GitHubLocationMapper.fromFirstDetected(null, REPO_HTML, ALERT_HTML).type()).isEqualTo("unknown");
		assertThat(GitHubLocationMapper.fromFirstDetected(JsonNodeFactory.instance.textNode("x"), REPO_HTML, ALERT_HTML).type())
			.isEqualTo("unknown");
	}

	/**
	 * Every kind of GitHub's own example {@code secret-scanning-location-list} (REST description): its items
	 * carry API URLs and no {@code html_url}, and paths with a leading slash.
	 */
	@ParameterizedTest
	@CsvSource(delimiterString = "->", value = {
			"commit -> " + OCTOCAT_HTML + "/blob/f14d7debf9775f957cf4f1e8176da0786431f72b/example/secrets.txt#L1",
			"wiki_commit -> " + OCTOCAT_HTML + "/wiki/Home/302c0b7e200761c9dd9b57e57db540ee0b4293a5",
			"issue_title -> " + OCTOCAT_HTML + "/issues/1347",
			"issue_body -> " + OCTOCAT_HTML + "/issues/1347",
			"issue_comment -> " + OCTOCAT_ALERT,
			"discussion_title -> https://github.com/community/community/discussions/39082",
			"discussion_body -> https://github.com/community/community/discussions/39082#discussion-4566270",
			"discussion_comment -> https://github.com/community/community/discussions/39082#discussioncomment-4158232",
			"pull_request_title -> " + OCTOCAT_HTML + "/pull/2846",
			"pull_request_body -> " + OCTOCAT_HTML + "/pull/2846",
			"pull_request_comment -> " + OCTOCAT_ALERT,
			"pull_request_review -> " + OCTOCAT_HTML + "/pull/2846#pullrequestreview-80",
			"pull_request_review_comment -> " + OCTOCAT_ALERT })
	void fromLocationWhenGitHubsExampleThenEveryLinkIsAWebPage(String type, String fileUrl) throws Exception {
		JsonNode item = officialLocation(type);

		NormalizedLocation location = GitHubLocationMapper.fromLocation(
				JSON.treeToValue(item, LocationPayload.class), OCTOCAT_HTML, OCTOCAT_ALERT);

		assertThat(location.type()).isEqualTo(type);
		assertThat(location.fileUrl()).isEqualTo(fileUrl);
		assertThat(location.commitUrl()).satisfiesAnyOf(url -> assertThat(url).isNull(),
				url -> assertThat(url).startsWith("https://github.com/"));
		if (item.get("details").has("path")) {
			assertThat(location.path()).isEqualTo(item.get("details").get("path").asText().substring(1));
		}
		if (!type.endsWith("commit")) {
			// the API URL stays the location's identity
			assertThat(location.sourceUrl()).isEqualTo(item.get("details").get(type + "_url").asText());
		}
	}

	@Test
	void fromLocationWhenOfficialExampleThenItHoldsEveryKind() {
		List<String> kinds = new ArrayList<>();
		OctokitDescriptions.restExample("secret-scanning-location-list").forEach(item -> kinds.add(item.get("type").asText()));

		assertThat(kinds).containsExactlyInAnyOrderElementsOf(OctokitDescriptions.rest()
			.at("/components/schemas/secret-scanning-location/properties/type/enum")
			.valueStream()
			.map(JsonNode::asText)
			.toList());
	}

	/** Where the REST description's schemas give an API URL and its page, the page we derive is GitHub's. */
	@ParameterizedTest
	@CsvSource({ "secret-scanning-location-pull-request-title, pull_request_title",
			"secret-scanning-location-pull-request-body, pull_request_body",
			"secret-scanning-location-pull-request-review, pull_request_review" })
	void fromFirstDetectedWhenNoHtmlUrlThenThePageGitHubsSchemaNames(String schema, String type) {
		JsonNode properties = OctokitDescriptions.rest().at("/components/schemas/" + schema + "/properties");
		ObjectNode details = JsonNodeFactory.instance.objectNode()
			.put(type + "_url", properties.at("/" + type + "_url/example").asText());

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, OCTOCAT_HTML, OCTOCAT_ALERT);

		assertThat(location.fileUrl()).isEqualTo(properties.at("/html_url/example").asText());
	}

	@Test
	void fromFirstDetectedWhenEnterpriseServerThenPagesOnItsOwnHost() {
		ObjectNode details = JsonNodeFactory.instance.objectNode()
			.put("pull_request_review_url", "https://ghes.example.com/api/v3/repos/octo/api/pulls/7/reviews/31");

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details,
				"https://ghes.example.com/octo/api", "https://ghes.example.com/octo/api/security/secret-scanning/3");

		assertThat(location.fileUrl()).isEqualTo("https://ghes.example.com/octo/api/pull/7#pullrequestreview-31");
	}

	@Test
	void fromFirstDetectedWhenRepositoryPageUnknownThenLinksTheAlertPage() {
		NormalizedLocation location = GitHubLocationMapper
			.fromFirstDetected(details(GitHubPayloads.pullRequestBodyLocation("acme", "api", 42)).without("html_url"), null,
					ALERT_HTML);

		assertThat(location.fileUrl()).isEqualTo(ALERT_HTML);
	}

	private static JsonNode officialLocation(String type) {
		for (JsonNode item : OctokitDescriptions.restExample("secret-scanning-location-list")) {
			if (type.equals(item.get("type").asText())) {
				return item;
			}
		}
		throw new IllegalArgumentException("GitHub's example has no " + type + " location");
	}

	private static ObjectNode commitDetails(String path, int startLine, int endLine) {
		return details(GitHubPayloads.commitLocation("acme", "api", path, startLine, endLine, 10, 50, COMMIT_SHA,
				BLOB_SHA));
	}

	private static ObjectNode wikiDetails() {
		return details(GitHubPayloads.wikiCommitLocation("acme", "api", "Deployment", 2, 2, 1, 40, COMMIT_SHA,
				BLOB_SHA));
	}

	private static ObjectNode issueCommentDetails() {
		return details(GitHubPayloads.issueCommentLocation("acme", "api", 7, 987L));
	}

	private static ObjectNode urlDetails(String field) {
		return JsonNodeFactory.instance.objectNode().put(field, "https://api.github.com/repos/acme/api/x/1");
	}

}
