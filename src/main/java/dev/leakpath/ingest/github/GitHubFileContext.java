package dev.leakpath.ingest.github;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.FileWindow;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.secret.RawSecret;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The lines around a secret in the file it was found in: {@code GET /repos/{owner}/{repo}/git/blobs/{sha}}
 * for the alert's first commit location. Only a {@link FileWindow} is kept, in memory.
 */
final class GitHubFileContext {

	private static final Logger log = LoggerFactory.getLogger(GitHubFileContext.class);

	private final URI apiUrl;

	private final GitHubClient client;

	GitHubFileContext(URI apiUrl, GitHubClient client) {
		this.apiUrl = apiUrl;
		this.client = client;
	}

	Mono<RawSecret> read(NormalizedAlert alert) {
		NormalizedLocation location = alert.locations()
			.stream()
			.filter(candidate -> candidate.blobSha() != null && candidate.startLine() != null)
			.findFirst()
			.orElse(null);
		if (location == null) {
			return Mono.empty();
		}
		String url = UriComponentsBuilder.fromUri(apiUrl)
			.path("/repos/{fullName}/git/blobs/{sha}")
			.buildAndExpand(alert.repository().fullName(), location.blobSha())
			.encode()
			.toUriString();
		return client.get(url, null)
			.flatMap(response -> Mono.justOrEmpty(GitHubFileContent.text(response.body(), FileWindow.MAX_FILE_CHARACTERS)
				.flatMap(file -> FileWindow.around(file, location.startLine(), location.endLine()))))
			.onErrorResume(PermanentSourceException.class, ex -> {
			log.debug("No file context for GitHub alert {}#{}: {}", alert.repository().fullName(), alert.providerAlertId(),
					ex.getMessage());
			return Mono.empty();
		});
	}

}
