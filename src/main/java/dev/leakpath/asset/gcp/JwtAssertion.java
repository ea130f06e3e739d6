package dev.leakpath.asset.gcp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The signed JWT a service account trades for an access token ("Using OAuth 2.0 for Server to Server
 * Applications", developers.google.com/identity/protocols/oauth2/service-account, "Preparing to make an authorized
 * API call" / "Creating a JWT"; RFC 7523 section 2.1): header {@code {"alg":"RS256","typ":"JWT","kid": key id}},
 * claims {@code iss} (the account's e-mail), {@code scope}, {@code aud} (the token URI), {@code iat} and {@code exp}
 * (at most an hour later), signed with SHA-256 with RSA.
 */
final class JwtAssertion {

	/**
	 * The Cloud Asset API accepts no narrower scope (its discovery document lists only this one): what the
	 * account may do is bounded by its roles, {@code roles/cloudasset.viewer} alone.
	 */
	static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

	/** The longest life Google accepts for an assertion. */
	private static final long LIFETIME_SECONDS = 3600;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private JwtAssertion() {
	}

	static String sign(ServiceAccountKey key, String audience, Instant now) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", "RS256");
		header.put("typ", "JWT");
		header.put("kid", key.privateKeyId());
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", key.clientEmail());
		claims.put("scope", CLOUD_PLATFORM);
		claims.put("aud", audience);
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
		String signingInput = part(header) + "." + part(claims);
		try {
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initSign(key.privateKey());
			rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The service-account key cannot sign: " + ex.getClass().getSimpleName());
		}
	}

	private static String part(Map<String, Object> json) {
		try {
			return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A JWT part cannot be written", ex);
		}
	}

}
