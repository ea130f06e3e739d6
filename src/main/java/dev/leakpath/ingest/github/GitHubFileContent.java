package dev.leakpath.ingest.github;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The text of a file as GitHub's blob and contents endpoints give it: base64 in {@code content}. */
final class GitHubFileContent {

	private GitHubFileContent() {
	}

	/** Empty when the file is larger than {@code maxSize} or not base64-encoded (GitHub's answer for large files). */
	static Optional<String> text(JsonNode body, long maxSize) {
		if (body.path("size").asLong(0) > maxSize || !"base64".equals(body.path("encoding").asText())) {
			return Optional.empty();
		}
		byte[] file = Base64.getMimeDecoder().decode(body.path("content").asText(""));
		return Optional.of(new String(file, StandardCharsets.UTF_8));
	}

}
