package dev.leakpath.ingest.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.ingest.github.payload.LocationPayload;

/** Maps GitHub secret-scanning locations, whatever their kind, to {@link NormalizedLocation}. */
final class GitHubLocationMapper {

	private static final String COMMIT = "commit";

	private static final String WIKI_COMMIT = "wiki_commit";

	private static final List<String> URL_KINDS = List.of("issue_title", "issue_body", "issue_comment",
			"discussion_title", "discussion_body", "discussion_comment", "pull_request_title", "pull_request_body",
			"pull_request_comment", "pull_request_review", "pull_request_review_comment");

	private GitHubLocationMapper() {
	}

	/**
	 * @param repositoryHtmlUrl the repository's web page: file and commit links are built on it
	 * @param alertHtmlUrl the alert's web page, the link of a location whose own page is not known
	 */
	static NormalizedLocation fromLocation(LocationPayload location, String repositoryHtmlUrl, String alertHtmlUrl) {
		JsonNode details = location.details();
		String type = location.type() != null ? location.type() : inferType(details);
		return map(type, details, repositoryHtmlUrl, alertHtmlUrl);
	}

	/**
	 * {@code first_location_detected} carries the details only, without its type: the kind is told by its
	 * keys.
	 */
	static NormalizedLocation fromFirstDetected(JsonNode details, String repositoryHtmlUrl, String alertHtmlUrl) {
		return map(inferType(details), details, repositoryHtmlUrl, alertHtmlUrl);
	}

	static String inferType(JsonNode details) {
		if (details == null || !details.isObject()) {
			return "unknown";
		}
		if (details.has("page_url")) {
			return WIKI_COMMIT;
		}
		if (details.has("commit_sha")) {
			return COMMIT;
		}
		for (String kind : URL_KINDS) {
			if (details.has(kind + "_url")) {
				return kind;
			}
		}
		return "unknown";
	}

	private static NormalizedLocation map(String type, JsonNode details, String repositoryHtmlUrl,
			String alertHtmlUrl) {
		if (details == null || !details.isObject()) {
			return new NormalizedLocation(type, null, null, null, null, null, null, null, null, null, null);
		}
		String path = relative(text(details, "path"));
		String commitSha = text(details, "commit_sha");
		Integer startLine = integer(details, "start_line");
		Integer endLine = integer(details, "end_line");
		String fileUrl;
		String commitUrl;
		String sourceUrl;
		if (WIKI_COMMIT.equals(type)) {
			fileUrl = text(details, "page_url");
			commitUrl = text(details, "commit_url");
			sourceUrl = fileUrl;
		}
		else if (commitSha != null && path != null) {
			fileUrl = blobUrl(repositoryHtmlUrl, commitSha, path, startLine, endLine);
			commitUrl = repositoryHtmlUrl == null ? null : repositoryHtmlUrl + "/commit/" + commitSha;
			sourceUrl = text(details, "blob_url");
		}
		else {
			sourceUrl = firstUrl(details);
			fileUrl = GitHubLocationPages.webPage(type, text(details, "html_url"), sourceUrl, repositoryHtmlUrl,
					alertHtmlUrl);
			commitUrl = null;
		}
		return new NormalizedLocation(type, path, startLine, endLine, integer(details, "start_column"),
				integer(details, "end_column"), commitSha, text(details, "blob_sha"), fileUrl, commitUrl, sourceUrl);
	}

	/**
	 * GitHub writes paths from the repository root with a leading slash ({@code /example/secrets.txt});
	 * stored without it, as Azure DevOps' are, a path joins a URL and is a relative SARIF URI.
	 */
	private static String relative(String path) {
		return path == null ? null : path.replaceFirst("^/+", "");
	}

	private static String blobUrl(String repositoryHtmlUrl, String commitSha, String path, Integer startLine,
			Integer endLine) {
		if (repositoryHtmlUrl == null) {
			return null;
		}
		String encodedPath = URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
		String url = repositoryHtmlUrl + "/blob/" + commitSha + "/" + encodedPath;
		if (startLine == null) {
			return url;
		}
		return url + "#L" + startLine + (endLine != null && !endLine.equals(startLine) ? "-L" + endLine : "");
	}

	private static String firstUrl(JsonNode details) {
		for (Iterator<String> names = details.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (name.endsWith("_url") && !"html_url".equals(name)) {
				return text(details, name);
			}
		}
		return text(details, "html_url");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asText();
	}

	private static Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value != null && value.isNumber() ? value.asInt() : null;
	}

}
