package dev.leakpath.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A WireMock standalone root directory: stubs under {@code mappings/}, the bodies they serve in {@code __files/}. */
final class WireMockTree {

	private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
			Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
			.withObjectIndenter(new DefaultIndenter("  ", "\n"))
			.withArrayIndenter(new DefaultIndenter("  ", "\n")));

	private final Path root;
	private int mappingCount;
	private int bodyCount;

	WireMockTree(Path root) {
		this.root = root;
	}

	/** Written by hand, not generated (see the tree's README): kept by {@link #clear}. */
	private static final String HAND_WRITTEN = "aws";

	/** Deletes every generated stub and body, so that nothing from an earlier run survives. */
	void clear() throws IOException {
		Path mappings = root.resolve("mappings");
		if (Files.isDirectory(mappings)) {
			try (Stream<Path> children = Files.list(mappings)) {
				for (Path child : children.filter(child -> !child.getFileName().toString().equals(HAND_WRITTEN)).toList()) {
					deleteRecursively(child);
				}
			}
		}
		deleteRecursively(root.resolve("__files"));
	}

	void writeBody(String relativeName, JsonNode body) {
		write(root.resolve("__files").resolve(relativeName), body);
		bodyCount++;
	}

	/** Writes {@code mappings/<relativeName>}, a stub named after the file. */
	void writeMapping(String relativeName, int priority, ObjectNode request, ObjectNode response) {
		ObjectNode mapping = request.objectNode()
				.put("name", relativeName.substring(0, relativeName.length() - ".json".length()))
				.put("priority", priority);
		mapping.set("request", request);
		mapping.set("response", response);
		write(root.resolve("mappings").resolve(relativeName), mapping);
		mappingCount++;
	}

	String summary() {
		return "Wrote " + mappingCount + " mappings and " + bodyCount + " bodies under " + root;
	}

	private static void write(Path file, JsonNode json) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, WRITER.writeValueAsString(json) + "\n");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
