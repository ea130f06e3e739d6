package dev.leakpath.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service-account key file for the demo's fake GCP project, made up at start and deleted at exit: a fresh RSA
 * key of an account that exists nowhere, since the fake token endpoint takes any signed assertion.
 */
final class DemoGcpKey {

	static final String CLIENT_EMAIL = "leakpath-inventory@acme-analytics.iam.gserviceaccount.com";

	private DemoGcpKey() {
	}

	/** Writes the key file (readable by its owner only) and returns its path. */
	static Path write(String tokenUri) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
					+ "\n-----END PRIVATE KEY-----\n";
			ObjectNode key = new ObjectMapper().createObjectNode()
				.put("type", "service_account")
				.put("project_id", "acme-analytics")
				.put("private_key_id", "demo-inventory-key")
				.put("private_key", pem)
				.put("client_email", CLIENT_EMAIL)
				.put("token_uri", tokenUri);
			// createTempFile makes it owner-only on POSIX file systems
			Path file = Files.createTempFile("leakpath-demo-gcp-", ".json");
			file.toFile().deleteOnExit();
			Files.writeString(file, key.toString());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The demo's GCP key file cannot be written", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

}
