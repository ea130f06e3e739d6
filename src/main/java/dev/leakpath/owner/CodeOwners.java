package dev.leakpath.owner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the owners of a whole repository from a CODEOWNERS file: those of the last rule for every file
 * ({@code *} or {@code /**}), as it wins over earlier ones; without such a rule, everyone the file names.
 */
public final class CodeOwners {

	/** Where GitHub looks for the file, in its own order; leakpath looks there on Azure DevOps too. */
	public static final List<String> PATHS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

	/** CODEOWNERS above this size are ignored by GitHub too. */
	public static final int MAX_BYTES = 3 * 1024 * 1024;

	private CodeOwners() {
	}

	public static List<String> parse(String file) {
		List<String> catchAll = null;
		Set<String> everyone = new LinkedHashSet<>();
		for (String rawLine : file.split("\r?\n")) {
			String line = withoutComment(rawLine).strip();
			if (line.isEmpty() || line.startsWith("[")) {
				// blank, comment, or a GitLab-style section header
				continue;
			}
			String[] fields = line.split("\\s+");
			List<String> owners = new ArrayList<>();
			for (int i = 1; i < fields.length; i++) {
				if (fields[i].startsWith("@") || fields[i].contains("@")) {
					owners.add(fields[i]);
				}
			}
			everyone.addAll(owners);
			if (fields[0].equals("*") || fields[0].equals("/**") || fields[0].equals("**")) {
				catchAll = owners;
			}
		}
		return catchAll != null ? List.copyOf(catchAll) : List.copyOf(everyone);
	}

	private static String withoutComment(String line) {
		int hash = line.indexOf('#');
		// an escaped \# belongs to a pattern
		while (hash > 0 && line.charAt(hash - 1) == '\\') {
			hash = line.indexOf('#', hash + 1);
		}
		return hash < 0 ? line : line.substring(0, hash);
	}

}
