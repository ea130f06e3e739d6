package dev.leakpath.target;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/** OpenSSH's {@code SHA256:} key fingerprints: unpadded base64 of the SHA-256 of the public key blob. */
public final class SshFingerprints {

	private SshFingerprints() {
	}

	static String of(byte[] publicKeyBlob) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
			return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The fingerprint of an {@code authorized_keys} line ({@code ssh-rsa AAAA… comment}); empty if it is not one. */
	public static Optional<String> ofAuthorizedKey(String line) {
		String[] fields = line.trim().split("\\s+");
		if (fields.length < 2 || !fields[1].startsWith("AAAA")) {
			return Optional.empty();
		}
		try {
			return Optional.of(of(Base64.getDecoder().decode(fields[1])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
