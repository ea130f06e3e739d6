package dev.leakpath.ingest;

import java.util.List;
import java.util.Optional;

import dev.leakpath.secret.RawSecret;

/** The lines around a secret in its file: all a target needs from the file, and all that is kept of it. */
public final class FileWindow {

	/** Lines kept on each side of the secret's lines. */
	public static final int CONTEXT_LINES = 8;

	/** Larger files are not read: configuration is small, and the window must stay cheap. */
	public static final int MAX_FILE_CHARACTERS = 1_000_000;

	private FileWindow() {
	}

	/** Lines {@code startLine - CONTEXT_LINES} to {@code endLine + CONTEXT_LINES} (1-based), or empty. */
	public static Optional<RawSecret> around(String content, int startLine, Integer endLine) {
		if (content == null || content.length() > MAX_FILE_CHARACTERS) {
			return Optional.empty();
		}
		List<String> lines = content.lines().toList();
		int from = Math.max(0, startLine - 1 - CONTEXT_LINES);
		int to = Math.min(lines.size(), (endLine != null ? endLine : startLine) + CONTEXT_LINES);
		return from >= to ? Optional.empty() : Optional.of(RawSecret.of(String.join("\n", lines.subList(from, to))));
	}

}
