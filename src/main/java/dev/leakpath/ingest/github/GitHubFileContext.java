package dev.leakpath.ingest.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.FileWindow;
import dev.leakpath.ingest.NormalizedAlert;
import dev.leakpath.ingest.NormalizedLocation;
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
		return client.get(url, null).flatMap(response -> {
			if (response.body().path("size").asLong(0) > FileWindow.MAX_FILE_CHARACTERS
					|| !"base64".equals(response.body().path("encoding").asText())) {
				return Mono.<RawSecret>empty();
			}
			byte[] file = Base64.getMimeDecoder().decode(response.body().path("content").asText(""));
			return Mono.justOrEmpty(FileWindow.around(new String(file, StandardCharsets.UTF_8), location.startLine(),
					location.endLine()));
		}).onErrorResume(PermanentSourceException.class, ex -> {
			log.debug("No file context for GitHub alert {}#{}: {}", alert.repository().fullName(), alert.providerAlertId(),
					ex.getMessage());
			return Mono.empty();
		});
	}

}
