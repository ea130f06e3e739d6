package dev.leakpath.webhook.ado;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks an {@code Authorization: Basic …} header against one user name and password, in constant time. */
final class BasicCredentials {

	private static final String BASIC = "Basic ";

	private final byte[] expected;

	BasicCredentials(String username, String password) {
		this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
	}

	boolean matches(String header) {
		if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(header.substring(BASIC.length()).strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, given);
	}

}
