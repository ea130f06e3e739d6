package dev.leakpath.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity layer's fingerprint of a credential's public id (V202612130000): {@code sha256:} and the lower-case
 * hex SHA-256 of the id's UTF-8 bytes (an AWS access key id, a GCP service-account key id). A secret's target holds
 * it, so that {@code identity_credential} finds the identity without the id being stored.
 */
final class CredentialFingerprint {

	private CredentialFingerprint() {
	}

	static String of(String publicId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicId.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
