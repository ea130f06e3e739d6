package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web page of a location that is not in a commit (issue, pull request, discussion). GitHub's
 * {@code /locations} items name these by their REST URL only ({@code html_url} is optional), and a link we
 * serve must open a page, not an API answer.
 */
final class GitHubLocationPages {

	// issues/N, pulls/N and pulls/N/reviews/R name their page exactly; comments by id alone do not
	private static final Pattern API_ITEM = Pattern
		.compile("/repos/([^/]+)/([^/]+)/(issues|pulls)/(\\d+)(?:/reviews/(\\d+))?/?$");

	private GitHubLocationPages() {
	}

	/**
	 * @param htmlUrl the location's own {@code html_url}, when GitHub gave one
	 * @param itemUrl the location's {@code <kind>_url}
	 * @param repositoryHtmlUrl the repository's web page, whose host is the web host (GHES has its own)
	 * @param alertHtmlUrl the alert's web page, which lists every location: the page when no better one is
	 * known
	 */
	static String webPage(String type, String htmlUrl, String itemUrl, String repositoryHtmlUrl,
			String alertHtmlUrl) {
		if (htmlUrl != null) {
			return htmlUrl;
		}
		if (itemUrl == null) {
			return null;
		}
		// discussion locations are the only kinds GitHub names by their web page
		if (type.startsWith("discussion_")) {
			return itemUrl;
		}
		String derived = derived(itemUrl, webOrigin(repositoryHtmlUrl));
		return derived != null ? derived : alertHtmlUrl;
	}

	private static String derived(String itemUrl, String webOrigin) {
		if (webOrigin == null) {
			return null;
		}
		Matcher item = API_ITEM.matcher(path(itemUrl));
		if (!item.find()) {
			return null;
		}
		String repository = webOrigin + "/" + item.group(1) + "/" + item.group(2);
		if ("issues".equals(item.group(3))) {
			return item.group(5) == null ? repository + "/issues/" + item.group(4) : null;
		}
		String pull = repository + "/pull/" + item.group(4);
		return item.group(5) == null ? pull : pull + "#pullrequestreview-" + item.group(5);
	}

	private static String webOrigin(String repositoryHtmlUrl) {
		if (repositoryHtmlUrl == null) {
			return null;
		}
		try {
			URI uri = URI.create(repositoryHtmlUrl);
			if (uri.getScheme() == null || uri.getRawAuthority() == null) {
				return null;
			}
			return uri.getScheme() + "://" + uri.getRawAuthority();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String path(String url) {
		try {
			String path = URI.create(url).getRawPath();
			return path == null ? "" : path;
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
