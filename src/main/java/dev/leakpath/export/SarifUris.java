package dev.leakpath.export;

import java.nio.charset.StandardCharsets;

/** A repository path as the relative URI reference a SARIF {@code artifactLocation.uri} must be (RFC 3986). */
final class SarifUris {

	/**
	 * What a path segment may hold as it is: unreserved characters, sub-delimiters and '@'; not ':', which in a
	 * first segment would read as a scheme.
	 */
	private static final String SEGMENT_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			+ "-._~!$&'()*+,;=@";

	private SarifUris() {
	}

	/** {@code docs/my notes.md} as {@code docs/my%20notes.md}; every byte outside a segment's set is escaped. */
	static String relative(String path) {
		StringBuilder uri = new StringBuilder(path.length() + 16);
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (c == '/' || (c < 0x80 && SEGMENT_CHARACTERS.indexOf(c) >= 0)) {
				uri.append(c);
			}
			else {
				uri.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return uri.toString();
	}

}
