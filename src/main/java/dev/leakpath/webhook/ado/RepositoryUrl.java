package dev.leakpath.webhook.ado;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The organisation, project and repository named by a Git web URL:
 * {@code https://dev.azure.com/{org}/{project}/_git/{repo}} or {@code https://{org}.visualstudio.com/[DefaultCollection/]{project}/_git/{repo}}.
 */
record RepositoryUrl(String organization, String project, String repository) {

	static Optional<RepositoryUrl> parse(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (uri.getHost() == null || uri.getRawPath() == null) {
			return Optional.empty();
		}
		List<String> segments = Stream.of(uri.getRawPath().split("/"))
			.filter(segment -> !segment.isEmpty())
			.map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
			.toList();
		int git = segments.indexOf("_git");
		if (git < 1 || git + 1 >= segments.size()) {
			return Optional.empty();
		}
		String project = segments.get(git - 1);
		String repository = segments.get(git + 1);
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		String organization = host.endsWith(".visualstudio.com") ? host.substring(0, host.indexOf('.'))
				: git >= 2 ? segments.get(git - 2) : null;
		return organization == null ? Optional.empty() : Optional.of(new RepositoryUrl(organization, project, repository));
	}

}
