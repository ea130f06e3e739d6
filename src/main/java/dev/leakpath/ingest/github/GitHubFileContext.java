package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.ContextFile;
import dev.leakpath.ingest.FileWindow;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.ingest.PermanentSourceException;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The file a secret was found in: {@code GET /repos/{owner}/{repo}/git/blobs/{sha}} for the alert's first commit
 * location. Only {@link FileWindow}s of it are kept, in memory.
 */
final class GitHubFileContext {

	private static final Logger log = LoggerFactory.getLogger(GitHubFileContext.class);

	private final URI apiUrl;

	private final GitHubClient client;

	GitHubFileContext(URI apiUrl, GitHubClient client) {
		this.apiUrl = apiUrl;
		this.client = client;
	}

	/** The blob of the alert's first location with a line: the same blob, the same address, one read. */
	Optional<ContextFile> locate(NormalizedAlert alert) {
		return alert.locations()
			.stream()
			.filter(candidate -> candidate.blobSha() != null && candidate.startLine() != null)
			.findFirst()
			.map(location -> new ContextFile(UriComponentsBuilder.fromUri(apiUrl)
				.path("/repos/{fullName}/git/blobs/{sha}")
				.buildAndExpand(alert.repository().fullName(), location.blobSha())
				.encode()
				.toUriString(), location.startLine(), location.endLine()));
	}

	Mono<String> read(ContextFile file) {
		return client.get(file.address(), null)
			.flatMap(response -> Mono.justOrEmpty(GitHubFileContent.text(response.body(), FileWindow.MAX_FILE_CHARACTERS)))
			.onErrorResume(PermanentSourceException.class, ex -> {
				log.debug("No file context from {}: {}", file.address(), ex.getMessage());
				return Mono.empty();
			});
	}

}
