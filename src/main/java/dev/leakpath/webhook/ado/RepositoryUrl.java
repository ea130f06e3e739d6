package dev.leakpath.webhook.ado;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The organisation, project and repository named by an Azure Repos Git URL, in the forms Azure DevOps writes:
 * {@code https://dev.azure.com/{org}/{project}/_git/{repo}}, and {@code https://dev.azure.com/{org}/_git/{repo}} for a
 * repository named like its project; on the older host {@code https://{org}.visualstudio.com/[DefaultCollection/]
 * [{project}/]_git/{repo}}. User info ({@code https://{org}@dev.azure.com/…}) and a port do not change what is named.
 */
record RepositoryUrl(String organization, String project, String repository) {

	private static final String DEV_AZURE = "dev.azure.com";

	private static final String VISUAL_STUDIO = ".visualstudio.com";

	private static final String GIT = "_git";

	private static final String DEFAULT_COLLECTION = "DefaultCollection";

	static Optional<RepositoryUrl> parse(String url) {
		Optional<URI> uri = uri(url);
		if (uri.isEmpty()) {
			return Optional.empty();
		}
		List<String> segments = segments(uri.get());
		int git = segments.indexOf(GIT);
		if (git < 0 || git + 1 >= segments.size()) {
			return Optional.empty();
		}
		String host = uri.get().getHost().toLowerCase(Locale.ROOT);
		String organization;
		List<String> beforeGit = segments.subList(0, git);
		if (DEV_AZURE.equals(host)) {
			if (beforeGit.isEmpty()) {
				return Optional.empty();
			}
			organization = beforeGit.get(0);
			beforeGit = beforeGit.subList(1, beforeGit.size());
		}
		else if (host.endsWith(VISUAL_STUDIO) && host.indexOf('.') == host.length() - VISUAL_STUDIO.length()) {
			organization = host.substring(0, host.indexOf('.'));
			if (!beforeGit.isEmpty() && DEFAULT_COLLECTION.equalsIgnoreCase(beforeGit.get(0))) {
				beforeGit = beforeGit.subList(1, beforeGit.size());
			}
		}
		else {
			return Optional.empty();
		}
		if (beforeGit.size() > 1) {
			return Optional.empty();
		}
		String repository = segments.get(git + 1);
		// Azure DevOps leaves the project out when the repository is named like it
		String project = beforeGit.isEmpty() ? repository : beforeGit.get(0);
		return Optional.of(new RepositoryUrl(organization, project, repository));
	}

	/**
	 * The organisation of a collection URL, such as the {@code baseUrl} of a service hook's
	 * {@code resourceContainers}: {@code https://dev.azure.com/{org}/} or {@code https://{org}.visualstudio.com/}.
	 */
	static Optional<String> organizationOf(String collectionUrl) {
		Optional<URI> uri = uri(collectionUrl);
		if (uri.isEmpty()) {
			return Optional.empty();
		}
		String host = uri.get().getHost().toLowerCase(Locale.ROOT);
		List<String> segments = segments(uri.get());
		if (DEV_AZURE.equals(host)) {
			return segments.isEmpty() ? Optional.empty() : Optional.of(segments.get(0));
		}
		if (host.endsWith(VISUAL_STUDIO) && host.indexOf('.') == host.length() - VISUAL_STUDIO.length()) {
			return Optional.of(host.substring(0, host.indexOf('.')));
		}
		return Optional.empty();
	}

	private static Optional<URI> uri(String url) {
		if (url == null) {
			return Optional.empty();
		}
		try {
			URI uri = URI.create(url.strip());
			return uri.getHost() == null || uri.getRawPath() == null || !"https".equalsIgnoreCase(uri.getScheme())
					? Optional.empty() : Optional.of(uri);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static List<String> segments(URI uri) {
		return Stream.of(uri.getRawPath().split("/"))
			.filter(segment -> !segment.isEmpty())
			// a path keeps '+' as it is: only %XX escapes are decoded
			.map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
			.toList();
	}

}
