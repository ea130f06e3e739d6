package dev.leakpath.target;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS access key ids. A new-generation id carries its account: base32-decode the 16 characters after the
 * prefix and take bits 8–46 of the first 6 bytes (Tal Be'ery, after Aidan Steele). Old ids, whose fifth
 * character is A–P, carry none.
 */
final class AwsKeys {

	static final Pattern KEY_ID = Pattern.compile("\\b((?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16})\\b");

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private AwsKeys() {
	}

	static Optional<String> account(String keyId) {
		if (keyId == null || keyId.length() != 20) {
			return Optional.empty();
		}
		String body = keyId.substring(4);
		int first = BASE32.indexOf(body.charAt(0));
		if (first < 16) {
			return Optional.empty();
		}
		// the first 6 bytes are the first 48 of the 50 bits in 10 base32 characters
		long bits = 0;
		for (int index = 0; index < 10; index++) {
			int digit = BASE32.indexOf(body.charAt(index));
			if (digit < 0) {
				return Optional.empty();
			}
			bits = (bits << 5) | digit;
		}
		long value = bits >>> 2;
		long account = (value & 0x7FFFFFFFFF80L) >>> 7;
		return Optional.of(String.format("%012d", account));
	}

	/**
	 * {@code sha256:} and the lower-case hex SHA-256 of the key id's UTF-8 bytes: what {@code identity_credential}
	 * holds for the key (V202612130000), so that a secret finds its IAM user without the id being stored.
	 */
	static String fingerprint(String keyId) {
		return CredentialFingerprint.of(keyId);
	}

	/** The kind of credential the prefix names. */
	static String kind(String keyId) {
		return keyId.startsWith("ASIA") ? "temporary (STS) access key" : "access key";
	}

}
