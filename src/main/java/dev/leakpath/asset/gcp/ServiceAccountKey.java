package dev.leakpath.asset.gcp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service-account key file the inventory signs in with ("Create and delete service account keys", Google Cloud
 * IAM documentation: {@code type: service_account}, {@code client_email}, {@code private_key_id}, {@code private_key}
 * as a PKCS #8 PEM, {@code token_uri}). Errors name the file and the field, never its content.
 */
record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

	/** Reads and parses the file: blocking, so only off an event loop. */
	static ServiceAccountKey read(Path file) {
		JsonNode key;
		try {
			key = JSON.readTree(Files.readString(file));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("leakpath.assets.gcp.credentials-file " + file + " is not JSON");
		}
		catch (IOException ex) {
			throw new IllegalStateException("leakpath.assets.gcp.credentials-file " + file + " cannot be read: "
					+ ex.getClass().getSimpleName());
		}
		if (key == null || !"service_account".equals(key.path("type").asText())) {
			throw invalid(file, "its type is not service_account");
		}
		String email = required(key, "client_email", file);
		String keyId = required(key, "private_key_id", file);
		String pem = required(key, "private_key", file);
		String tokenUri = key.path("token_uri").asText("");
		return new ServiceAccountKey(email, keyId, privateKey(pem, file),
				tokenUri.isBlank() ? GOOGLE_TOKEN_URI : URI.create(tokenUri));
	}

	private static PrivateKey privateKey(String pem, Path file) {
		String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
			.replace("-----END PRIVATE KEY-----", "")
			.replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw invalid(file, "its private_key is not a PKCS #8 RSA key");
		}
	}

	private static String required(JsonNode key, String field, Path file) {
		String value = key.path(field).asText("");
		if (value.isBlank()) {
			throw invalid(file, "it has no " + field);
		}
		return value;
	}

	private static IllegalStateException invalid(Path file, String why) {
		return new IllegalStateException("leakpath.assets.gcp.credentials-file " + file
				+ " is not a service-account key file: " + why);
	}

	@Override
	public String toString() {
		return "ServiceAccountKey[clientEmail=" + clientEmail + ", privateKeyId=" + privateKeyId
				+ ", privateKey=redacted, tokenUri=" + tokenUri + "]";
	}

}
