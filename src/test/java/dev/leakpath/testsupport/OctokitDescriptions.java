package dev.leakpath.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitHub's official REST and webhook descriptions, as npm {@code @octokit/openapi} 23.0.2 and
 * {@code @octokit/openapi-webhooks} 12.1.0 ship them ({@code generated/api.github.com.json}), installed by
 * {@code npm ci --prefix src/test/fixtures}. Their examples are the fixtures of the tests that check we read
 * GitHub as it really answers; nothing here is edited by us.
 */
public final class OctokitDescriptions {

	private static final Path MODULES = Path.of("src/test/fixtures/node_modules/@octokit");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static JsonNode rest;

	private static JsonNode webhooks;

	private OctokitDescriptions() {
	}

	/** The REST description's example {@code name} (under {@code components.examples}), a copy of its value. */
	public static JsonNode restExample(String name) {
		return example(rest(), name);
	}

	/** The webhook description's example {@code name}, a copy of its value. */
	public static JsonNode webhookExample(String name) {
		return example(webhooks(), name);
	}

	/** The whole REST description (for schemas under {@code components.schemas}). */
	public static synchronized JsonNode rest() {
		if (rest == null) {
			rest = read(MODULES.resolve("openapi/generated/api.github.com.json"));
		}
		return rest;
	}

	/** The whole webhook description: {@code webhooks.<name>.post.requestBody} and {@code components.schemas}. */
	public static synchronized JsonNode webhooks() {
		if (webhooks == null) {
			webhooks = read(MODULES.resolve("openapi-webhooks/generated/api.github.com.json"));
		}
		return webhooks;
	}

	private static JsonNode example(JsonNode description, String name) {
		JsonNode example = description.path("components").path("examples").path(name).path("value");
		if (example.isMissingNode()) {
			throw new IllegalArgumentException("No example '" + name + "' in GitHub's description");
		}
		return example instanceof ObjectNode object ? object.deepCopy() : example.deepCopy();
	}

	private static JsonNode read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(file + " is missing: run `npm ci --prefix src/test/fixtures` (.ci/run does)");
		}
		try {
			return JSON.readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
