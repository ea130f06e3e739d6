package dev.leakpath.testsupport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * GitHub REST payloads in the shapes of GitHub's OpenAPI description (api version 2022-11-28), with api.github.com
 * URLs.
 */
public final class GitHubPayloads {

	private static final String API = "https://api.github.com";
	private static final String WEB = "https://github.com";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
	private static final Instant REPOSITORIES_EPOCH = Instant.parse("2019-03-01T09:00:00Z");
	private static final Instant LAST_ACTIVITY = Instant.parse("2026-10-30T17:00:00Z");
	private static final Instant LAST_ACTIVITY_ARCHIVED = Instant.parse("2023-06-30T12:00:00Z");
	private static final Map<String, String> REPOSITORY_URL_TEMPLATES = Map.ofEntries(
			Map.entry("archive_url", "/{archive_format}{/ref}"),
			Map.entry("assignees_url", "/assignees{/user}"),
			Map.entry("blobs_url", "/git/blobs{/sha}"),
			Map.entry("branches_url", "/branches{/branch}"),
			Map.entry("collaborators_url", "/collaborators{/collaborator}"),
			Map.entry("comments_url", "/comments{/number}"),
			Map.entry("commits_url", "/commits{/sha}"),
			Map.entry("compare_url", "/compare/{base}...{head}"),
			Map.entry("contents_url", "/contents/{+path}"),
			Map.entry("contributors_url", "/contributors"),
			Map.entry("deployments_url", "/deployments"),
			Map.entry("downloads_url", "/downloads"),
			Map.entry("events_url", "/events"),
			Map.entry("forks_url", "/forks"),
			Map.entry("git_commits_url", "/git/commits{/sha}"),
			Map.entry("git_refs_url", "/git/refs{/sha}"),
			Map.entry("git_tags_url", "/git/tags{/sha}"),
			Map.entry("hooks_url", "/hooks"),
			Map.entry("issue_comment_url", "/issues/comments{/number}"),
			Map.entry("issue_events_url", "/issues/events{/number}"),
			Map.entry("issues_url", "/issues{/number}"),
			Map.entry("keys_url", "/keys{/key_id}"),
			Map.entry("labels_url", "/labels{/name}"),
			Map.entry("languages_url", "/languages"),
			Map.entry("merges_url", "/merges"),
			Map.entry("milestones_url", "/milestones{/number}"),
			Map.entry("notifications_url", "/notifications{?since,all,participating}"),
			Map.entry("pulls_url", "/pulls{/number}"),
			Map.entry("releases_url", "/releases{/id}"),
			Map.entry("stargazers_url", "/stargazers"),
			Map.entry("statuses_url", "/statuses/{sha}"),
			Map.entry("subscribers_url", "/subscribers"),
			Map.entry("subscription_url", "/subscription"),
			Map.entry("tags_url", "/tags"),
			Map.entry("teams_url", "/teams"),
			Map.entry("trees_url", "/git/trees{/sha}"));

	private GitHubPayloads() {
	}

	/** Schema {@code simple-repository}: the {@code repository} of an organisation alert list item. */
	public static ObjectNode simpleRepository(String org, long orgId, String name, long id, boolean isPrivate) {
		String apiUrl = API + "/repos/" + org + "/" + name;
		ObjectNode repository = JSON.objectNode()
				.put("id", id)
				.put("node_id", nodeId("010:Repository", id))
				.put("name", name)
				.put("full_name", org + "/" + name)
				.set("owner", organizationOwner(org, orgId));
		repository.put("private", isPrivate)
				.put("html_url", WEB + "/" + org + "/" + name)
				.put("description", describe(name))
				.put("fork", false)
				.put("url", apiUrl);
		REPOSITORY_URL_TEMPLATES.entrySet().stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach(template -> repository.put(template.getKey(), apiUrl + template.getValue()));
		return repository;
	}

	/** Schema {@code full-repository}: {@code GET /repos/{owner}/{repo}} and items of {@code GET /orgs/{org}/repos}. */
	public static ObjectNode fullRepository(String org, long orgId, String name, long id, String visibility,
			boolean archived, String defaultBranch) {
		Instant createdAt = REPOSITORIES_EPOCH.plus(Duration.ofDays(id % 900));
		Instant pushedAt = archived ? LAST_ACTIVITY_ARCHIVED : LAST_ACTIVITY.minus(Duration.ofHours(id % 48));
		ObjectNode repository = simpleRepository(org, orgId, name, id, !"public".equals(visibility));
		repository.put("git_url", "git://github.com/" + org + "/" + name + ".git")
				.put("ssh_url", "git@github.com:" + org + "/" + name + ".git")
				.put("clone_url", WEB + "/" + org + "/" + name + ".git")
				.put("svn_url", WEB + "/" + org + "/" + name)
				.putNull("mirror_url")
				.putNull("homepage")
				.putNull("language")
				.put("forks_count", 0)
				.put("stargazers_count", id % 17)
				.put("watchers_count", id % 17)
				.put("size", 1024 + id % 4096)
				.put("default_branch", defaultBranch)
				.put("open_issues_count", id % 9)
				.put("is_template", false)
				.set("topics", JSON.arrayNode());
		repository.put("has_issues", true)
				.put("has_projects", true)
				.put("has_wiki", true)
				.put("has_pages", false)
				.put("has_downloads", true)
				.put("has_discussions", false)
				.put("archived", archived)
				.put("disabled", false)
				.put("visibility", visibility)
				.put("pushed_at", pushedAt.toString())
				.put("created_at", createdAt.toString())
				.put("updated_at", pushedAt.toString())
				.set("permissions", JSON.objectNode()
						.put("admin", true)
						.put("maintain", true)
						.put("push", true)
						.put("triage", true)
						.put("pull", true));
		repository.put("allow_rebase_merge", true)
				.put("allow_squash_merge", true)
				.put("allow_merge_commit", true)
				.put("allow_auto_merge", false)
				.put("delete_branch_on_merge", true)
				.put("allow_forking", false)
				.put("web_commit_signoff_required", false)
				.putNull("license")
				.put("forks", 0)
				.put("open_issues", id % 9)
				.put("watchers", id % 17)
				.put("subscribers_count", 3)
				.put("network_count", 0)
				.set("organization", organizationOwner(org, orgId));
		return repository;
	}

	/** Schema {@code organization-full}; {@code public_repos} is 0 unless the caller overrides it. */
	public static ObjectNode organization(String login, long id) {
		String apiUrl = API + "/orgs/" + login;
		return JSON.objectNode()
				.put("login", login)
				.put("id", id)
				.put("node_id", nodeId("012:Organization", id))
				.put("url", apiUrl)
				.put("repos_url", apiUrl + "/repos")
				.put("events_url", apiUrl + "/events")
				.put("hooks_url", apiUrl + "/hooks")
				.put("issues_url", apiUrl + "/issues")
				.put("members_url", apiUrl + "/members{/member}")
				.put("public_members_url", apiUrl + "/public_members{/member}")
				.put("avatar_url", avatarUrl(id))
				.putNull("description")
				.put("name", login)
				.putNull("company")
				.putNull("blog")
				.putNull("location")
				.putNull("email")
				.putNull("twitter_username")
				.put("is_verified", false)
				.put("has_organization_projects", true)
				.put("has_repository_projects", true)
				.put("public_repos", 0)
				.put("public_gists", 0)
				.put("followers", 0)
				.put("following", 0)
				.put("html_url", WEB + "/" + login)
				.put("type", "Organization")
				.put("created_at", "2018-05-14T08:30:00Z")
				.put("updated_at", "2026-09-01T10:00:00Z")
				.putNull("archived_at");
	}

	/** Schema {@code simple-user} for a person. */
	public static ObjectNode user(String login, long id) {
		return simpleUser(login, id, "User");
	}

	/**
	 * Schema {@code organization-secret-scanning-alert}: an item of {@code GET /orgs/{org}/secret-scanning/alerts},
	 * built on the item of GitHub's example {@code organization-secret-scanning-alert-list}, every value of which the
	 * spec sets or clears (no push-protection bypass, no assignee).
	 */
	public static ObjectNode alert(AlertSpec spec) {
		String repoPath = spec.org() + "/" + spec.repoName();
		String apiUrl = API + "/repos/" + repoPath + "/secret-scanning/alerts/" + spec.number();
		ObjectNode alert = ((ObjectNode) OctokitDescriptions.restExample("organization-secret-scanning-alert-list").get(0))
				.put("number", spec.number())
				.put("created_at", spec.createdAt().toString())
				.put("updated_at", spec.updatedAt().toString())
				.put("url", apiUrl)
				.put("html_url", WEB + "/" + repoPath + "/security/secret-scanning/" + spec.number())
				.put("locations_url", apiUrl + "/locations")
				.put("state", spec.state())
				.put("resolution", spec.resolution())
				.put("resolved_at", spec.isResolved() ? spec.resolvedAt().toString() : null)
				.set("resolved_by", spec.isResolved() ? user("mona-secops", 583231) : null);
		alert.put("resolution_comment", resolutionComment(spec.resolution()))
				.put("secret_type", spec.secretType())
				.put("secret_type_display_name", spec.displayName())
				.put("secret", spec.secret())
				.put("validity", spec.validity())
				.put("publicly_leaked", spec.publiclyLeaked())
				.put("multi_repo", spec.multiRepo())
				.put("is_base64_encoded", false)
				.put("push_protection_bypassed", false)
				.putNull("push_protection_bypassed_by")
				.putNull("push_protection_bypassed_at")
				.putNull("push_protection_bypass_request_reviewer")
				.putNull("push_protection_bypass_request_reviewer_comment")
				.putNull("push_protection_bypass_request_comment")
				.putNull("push_protection_bypass_request_html_url")
				.set("first_location_detected",
						spec.firstLocation() == null ? null : details(spec.firstLocation()));
		alert.put("has_more_locations", spec.hasMoreLocations())
				.putNull("assigned_to")
				.set("repository",
						simpleRepository(spec.org(), spec.orgId(), spec.repoName(), spec.repoId(), spec.repoPrivate()));
		return alert;
	}

	/** A {@code commit} location of {@code GET …/alerts/{n}/locations}. */
	public static ObjectNode commitLocation(String org, String repo, String path, int startLine, int endLine,
			int startColumn, int endColumn, String commitSha, String blobSha) {
		String apiUrl = API + "/repos/" + org + "/" + repo;
		return location("commit", JSON.objectNode()
				.put("path", path)
				.put("start_line", startLine)
				.put("end_line", endLine)
				.put("start_column", startColumn)
				.put("end_column", endColumn)
				.put("blob_sha", blobSha)
				.put("blob_url", apiUrl + "/git/blobs/" + blobSha)
				.put("commit_sha", commitSha)
				.put("commit_url", apiUrl + "/git/commits/" + commitSha)
				.put("html_url", WEB + "/" + org + "/" + repo + "/blob/" + commitSha + "/" + path
						+ "#L" + startLine + (endLine == startLine ? "" : "-L" + endLine)));
	}

	/** A {@code wiki_commit} location: UI page and compare URLs, and no {@code blob_url}. */
	public static ObjectNode wikiCommitLocation(String org, String repo, String page, int startLine, int endLine,
			int startColumn, int endColumn, String commitSha, String blobSha) {
		String wikiUrl = WEB + "/" + org + "/" + repo + "/wiki";
		return location("wiki_commit", JSON.objectNode()
				.put("path", page + ".md")
				.put("start_line", startLine)
				.put("end_line", endLine)
				.put("start_column", startColumn)
				.put("end_column", endColumn)
				.put("blob_sha", blobSha)
				.put("page_url", wikiUrl + "/" + page + "/" + commitSha)
				.put("commit_sha", commitSha)
				.put("commit_url", wikiUrl + "/_compare/" + commitSha));
	}

	public static ObjectNode issueTitleLocation(String org, String repo, int issueNumber) {
		return location("issue_title", JSON.objectNode()
				.put("issue_title_url", API + "/repos/" + org + "/" + repo + "/issues/" + issueNumber)
				.put("html_url", WEB + "/" + org + "/" + repo + "/issues/" + issueNumber));
	}

	public static ObjectNode issueCommentLocation(String org, String repo, int issueNumber, long commentId) {
		return location("issue_comment", JSON.objectNode()
				.put("issue_comment_url", API + "/repos/" + org + "/" + repo + "/issues/comments/" + commentId)
				.put("html_url",
						WEB + "/" + org + "/" + repo + "/issues/" + issueNumber + "#issuecomment-" + commentId));
	}

	public static ObjectNode pullRequestBodyLocation(String org, String repo, int pullNumber) {
		return location("pull_request_body", JSON.objectNode()
				.put("pull_request_body_url", API + "/repos/" + org + "/" + repo + "/pulls/" + pullNumber)
				.put("html_url", WEB + "/" + org + "/" + repo + "/pull/" + pullNumber));
	}

	/** A {@code discussion_comment} location; unlike the other kinds its URL is a UI URL. */
	public static ObjectNode discussionCommentLocation(String org, String repo, int discussionNumber, long commentId) {
		return location("discussion_comment", JSON.objectNode()
				.put("discussion_comment_url", WEB + "/" + org + "/" + repo + "/discussions/" + discussionNumber
						+ "#discussioncomment-" + commentId));
	}

	/** The {@code details} of a location: the untyped shape GitHub uses for {@code first_location_detected}. */
	public static ObjectNode details(ObjectNode location) {
		if (!(location.get("details") instanceof ObjectNode)) {
			throw new IllegalArgumentException("not a {type, details} location: " + location);
		}
		return location.get("details").deepCopy();
	}

	private static ObjectNode location(String type, ObjectNode details) {
		ObjectNode location = JSON.objectNode().put("type", type);
		location.set("details", details);
		return location;
	}

	private static String resolutionComment(String resolution) {
		if (resolution == null) {
			return null;
		}
		switch (resolution) {
			case "false_positive":
				return "Placeholder value from a sample config, not a credential.";
			case "used_in_tests":
				return "Only used by the integration test fixtures.";
			case "revoked":
				return "Rotated and revoked at the provider.";
			default:
				return null;
		}
	}

	private static ObjectNode organizationOwner(String org, long orgId) {
		return simpleUser(org, orgId, "Organization");
	}

	private static ObjectNode simpleUser(String login, long id, String type) {
		String apiUrl = API + "/users/" + login;
		return JSON.objectNode()
				.put("login", login)
				.put("id", id)
				.put("node_id", nodeId("Organization".equals(type) ? "012:Organization" : "04:User", id))
				.put("avatar_url", avatarUrl(id))
				.put("gravatar_id", "")
				.put("url", apiUrl)
				.put("html_url", WEB + "/" + login)
				.put("followers_url", apiUrl + "/followers")
				.put("following_url", apiUrl + "/following{/other_user}")
				.put("gists_url", apiUrl + "/gists{/gist_id}")
				.put("starred_url", apiUrl + "/starred{/owner}{/repo}")
				.put("subscriptions_url", apiUrl + "/subscriptions")
				.put("organizations_url", apiUrl + "/orgs")
				.put("repos_url", apiUrl + "/repos")
				.put("events_url", apiUrl + "/events{/privacy}")
				.put("received_events_url", apiUrl + "/received_events")
				.put("type", type)
				.put("user_view_type", "public")
				.put("site_admin", false);
	}

	private static String avatarUrl(long id) {
		return "https://avatars.githubusercontent.com/u/" + id + "?v=4";
	}

	// GitHub's legacy global node id: base64 of "<type-length>:<Type><id>".
	private static String nodeId(String typePrefix, long id) {
		return Base64.getEncoder().encodeToString((typePrefix + id).getBytes(StandardCharsets.US_ASCII));
	}

	private static String describe(String repoName) {
		return repoName.replace('-', ' ') + " service";
	}
	/**
	 * {@code GET /repos/{owner}/{repo}/git/blobs/{sha}}: the content base64-encoded in lines of 60, as GitHub
	 * sends it.
	 */
	public static ObjectNode blob(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return JsonNodeFactory.instance.objectNode()
			.put("sha", "0".repeat(40))
			.put("node_id", "B_kwDOBlob")
			.put("size", bytes.length)
			.put("url", "https://api.github.com/repos/octocat/example/git/blobs/" + "0".repeat(40))
			.put("content", mimeBase64(bytes))
			.put("encoding", "base64");
	}

	/** {@code GET /repos/{owner}/{repo}/contents/{path}} for a file (content-file in GitHub's description). */
	public static ObjectNode contentFile(String path, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return JsonNodeFactory.instance.objectNode()
			.put("type", "file")
			.put("encoding", "base64")
			.put("size", bytes.length)
			.put("name", path.substring(path.lastIndexOf('/') + 1))
			.put("path", path)
			.put("content", mimeBase64(bytes))
			.put("sha", "1".repeat(40));
	}

	private static String mimeBase64(byte[] bytes) {
		return Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n";
	}

}
