package dev.leakpath.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprint (HMAC-SHA256) of a secret: equal credentials get equal fingerprints wherever they
 * were found, and without the key a fingerprint cannot be tested against guessed values.
 */
public final class SecretFingerprinter {

	static final int MINIMUM_KEY_BYTES = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	public SecretFingerprinter(byte[] key) {
		if (key.length < MINIMUM_KEY_BYTES) {
			throw new IllegalArgumentException("The fingerprint key must be at least 32 bytes");
		}
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
	}

	public String fingerprint(RawSecret secret) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(secret.value().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	public String preview(RawSecret secret) {
		return SecretPreview.of(secret);
	}

}
