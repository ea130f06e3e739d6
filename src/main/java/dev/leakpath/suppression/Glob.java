package dev.leakpath.suppression;

import java.util.regex.Pattern;

/**
 * A path glob as {@code .gitignore} and GitHub's own path filters spell them: {@code *} and {@code ?} stay within
 * one path segment, {@code **} crosses segments, and a leading {@code **}{@code /} also matches no directory at all
 * ({@code **}{@code /*.md} matches {@code README.md}). Everything else is literal.
 */
final class Glob {

	private final String text;

	private final Pattern pattern;

	private Glob(String text, Pattern pattern) {
		this.text = text;
		this.pattern = pattern;
	}

	/** @throws IllegalArgumentException for an empty glob, or one with a character a path cannot hold */
	static Glob of(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a glob may not be empty");
		}
		if (text.indexOf('\0') >= 0 || text.contains("***")) {
			throw new IllegalArgumentException("'" + text + "' is not a glob: '***' and NUL mean nothing");
		}
		return new Glob(text, Pattern.compile(regex(text)));
	}

	/** The same glob as a regular expression, whole-string, that Java and PostgreSQL ({@code ~}) read alike. */
	String regex() {
		return pattern.pattern();
	}

	boolean matches(String path) {
		return path != null && pattern.matcher(path).matches();
	}

	@Override
	public String toString() {
		return text;
	}

	private static String regex(String glob) {
		StringBuilder regex = new StringBuilder("^");
		int index = 0;
		while (index < glob.length()) {
			char c = glob.charAt(index);
			if (glob.startsWith("**/", index)) {
				regex.append("(?:.*/)?");
				index += 3;
			}
			else if (glob.startsWith("**", index)) {
				regex.append(".*");
				index += 2;
			}
			else if (c == '*') {
				regex.append("[^/]*");
				index++;
			}
			else if (c == '?') {
				regex.append("[^/]");
				index++;
			}
			else {
				// a backslash before every special character: Java's \Q…\E means nothing to PostgreSQL's regex
				if (".^$|()[]{}+\\".indexOf(c) >= 0) {
					regex.append('\\');
				}
				regex.append(c);
				index++;
			}
		}
		return regex.append('$').toString();
	}

}
