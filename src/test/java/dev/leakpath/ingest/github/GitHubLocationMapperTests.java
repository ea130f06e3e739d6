package dev.leakpath.ingest.github;

import static dev.leakpath.testsupport.GitHubPayloads.details;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.testsupport.GitHubPayloads;

class GitHubLocationMapperTests {

	private static final String REPO_HTML = "https://github.com/acme/api";

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
				REPO_HTML);

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
				REPO_HTML);

		assertThat(location.fileUrl()).isEqualTo(REPO_HTML + "/blob/" + COMMIT_SHA + "/config/app.yml#L8");
	}

	@Test
	void fromFirstDetectedWhenPathHasSpacesThenEncodesSpacesAndKeepsSlashes() {
		NormalizedLocation location = GitHubLocationMapper
			.fromFirstDetected(commitDetails("deploy/prod config/my secrets.env", 1, 1), REPO_HTML);

		assertThat(location.fileUrl())
			.isEqualTo(REPO_HTML + "/blob/" + COMMIT_SHA + "/deploy/prod%20config/my%20secrets.env#L1");
		assertThat(location.path()).isEqualTo("deploy/prod config/my secrets.env");
	}

	@Test
	void fromFirstDetectedWhenWikiCommitThenLinksPageAndCompare() {
		ObjectNode details = wikiDetails();

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML);

		assertThat(location.type()).isEqualTo("wiki_commit");
		assertThat(location.fileUrl()).isEqualTo(details.get("page_url").asText())
			.isEqualTo(REPO_HTML + "/wiki/Deployment/" + COMMIT_SHA);
		assertThat(location.commitUrl()).isEqualTo(REPO_HTML + "/wiki/_compare/" + COMMIT_SHA);
	}

	@Test
	void fromFirstDetectedWhenIssueCommentWithHtmlUrlThenLinksHtmlUrl() {
		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(issueCommentDetails(), REPO_HTML);

		assertThat(location.type()).isEqualTo("issue_comment");
		assertThat(location.fileUrl()).isEqualTo(REPO_HTML + "/issues/7#issuecomment-987");
		assertThat(location.sourceUrl()).isEqualTo("https://api.github.com/repos/acme/api/issues/comments/987");
		assertThat(location.commitUrl()).isNull();
	}

	@Test
	void fromFirstDetectedWhenIssueCommentWithoutHtmlUrlThenLinksApiUrl() {
		ObjectNode details = issueCommentDetails();
		details.remove("html_url");

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML);

		assertThat(location.fileUrl()).isEqualTo("https://api.github.com/repos/acme/api/issues/comments/987");
	}

	@Test
	void fromFirstDetectedWhenUnknownShapeThenUnknownTypeWithoutUrls() {
		ObjectNode details = JsonNodeFactory.instance.objectNode().put("gist_id", "aa5a315d61ae9438b18d");

		NormalizedLocation location = GitHubLocationMapper.fromFirstDetected(details, REPO_HTML);

		assertThat(location.type()).isEqualTo("unknown");
		assertThat(location.fileUrl()).isNull();
		assertThat(location.commitUrl()).isNull();
	}

	@Test
	void fromFirstDetectedWhenDetailsNullOrNotAnObjectThenUnknownType() {
		assertThat(GitHubLocationMapper.fromFirstDetected(null, REPO_HTML).type()).isEqualTo("unknown");
		assertThat(GitHubLocationMapper.fromFirstDetected(JsonNodeFactory.instance.textNode("x"), REPO_HTML).type())
			.isEqualTo("unknown");
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
