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
 * [{project}/]_git/{repo}}, whose {@code DefaultCollection} segment also appears after a dev.azure.com
 * organisation. User info ({@code https://{org}@dev.azure.com/…}) and a port do not change what is named.
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
		String host = uri.get().getHost().toLowerCase(Locale.ROOT);
		String organization;
		int projectStart;
		if (DEV_AZURE.equals(host) && git >= 1) {
			organization = segments.get(0);
			// organisations moved from visualstudio.com keep answering with their collection in the path
			projectStart = git > 2 && DEFAULT_COLLECTION.equalsIgnoreCase(segments.get(1)) ? 2 : 1;
		}
		else if (isVisualStudio(host) && git >= 0) {
			organization = host.substring(0, host.indexOf('.'));
			projectStart = git > 0 && DEFAULT_COLLECTION.equalsIgnoreCase(segments.get(0)) ? 1 : 0;
		}
		else {
			return Optional.empty();
		}
		List<String> project = segments.subList(projectStart, git);
		if (git + 1 >= segments.size() || project.size() > 1) {
			return Optional.empty();
		}
		String repository = segments.get(git + 1);
		// Azure DevOps leaves the project out when the repository is named like it
		return Optional.of(new RepositoryUrl(organization, project.isEmpty() ? repository : project.get(0), repository));
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
			return segments.stream().findFirst();
		}
		return isVisualStudio(host) ? Optional.of(host.substring(0, host.indexOf('.'))) : Optional.empty();
	}

	/** {@code {org}.visualstudio.com}, the organisation's own host before dev.azure.com. */
	private static boolean isVisualStudio(String host) {
		return host.endsWith(VISUAL_STUDIO) && host.indexOf('.') == host.length() - VISUAL_STUDIO.length();
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
