package dev.leakpath.ingest.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.NormalizedAlert;
import dev.leakpath.ingest.NormalizedLocation;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.secret.RawSecret;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The lines around a secret in the file it was found in: {@code GET /repos/{owner}/{repo}/git/blobs/{sha}}
 * for the alert's first commit location. Only a window of lines is kept, in memory, and only from files
 * small enough to be configuration.
 */
final class GitHubFileContext {

	private static final Logger log = LoggerFactory.getLogger(GitHubFileContext.class);

	/** Lines kept on each side of the secret's lines. */
	static final int CONTEXT_LINES = 8;

	private static final long MAX_FILE_BYTES = 1_000_000;

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
			if (response.body().path("size").asLong(0) > MAX_FILE_BYTES
					|| !"base64".equals(response.body().path("encoding").asText())) {
				return Mono.<RawSecret>empty();
			}
			byte[] file = Base64.getMimeDecoder().decode(response.body().path("content").asText(""));
			List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();
			int from = Math.max(0, location.startLine() - 1 - CONTEXT_LINES);
			int endLine = location.endLine() != null ? location.endLine() : location.startLine();
			int to = Math.min(lines.size(), endLine + CONTEXT_LINES);
			return from >= to ? Mono.<RawSecret>empty() : Mono.just(RawSecret.of(String.join("\n", lines.subList(from, to))));
		}).onErrorResume(PermanentSourceException.class, ex -> {
			log.debug("No file context for GitHub alert {}#{}: {}", alert.repository().fullName(), alert.providerAlertId(),
					ex.getMessage());
			return Mono.empty();
		});
	}

}
