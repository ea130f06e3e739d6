package dev.leakpath.webhook.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Hub-Signature-256}: the HMAC-SHA256 of the raw body, as {@code sha256=<lowercase hex>}. */
final class GitHubSignature {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	private final SecretKeySpec key;

	GitHubSignature(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	String sign(byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/** Compares in constant time, so the comparison does not tell an attacker how much of a guess was right. */
	boolean matches(byte[] body, String header) {
		if (header == null) {
			return false;
		}
		return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
				header.strip().getBytes(StandardCharsets.US_ASCII));
	}

}
