package dev.leakpath.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A session's attributes as the bytes of its row: the signed-in user's security context (an
 * {@code OAuth2AuthenticationToken} holding the {@code OidcUser}, its ID token and authorities) and, during
 * sign-in, the authorization request.
 * <p>
 * Java serialization, not Spring Security's Jackson modules: their allowlist refuses claim values that
 * providers send (a {@code Long} claim, spring-security#12917; others' nested objects), so a sign-in could
 * succeed and its session then fail to load, differently for each provider. Java serialization writes whatever
 * Spring Security holds. Reading bytes back is what is risky, and only for someone who can write the table (who
 * could forge a session anyway): {@link #ALLOWED} lets only JDK value types and Spring Security's own classes be
 * read, within size limits, so forged bytes cannot reach a gadget class. After an upgrade that changes Spring
 * Security's classes, older sessions do not read back: their users sign in again.
 */
final class SessionAttributes {

	/**
	 * What attributes may be made of (superclasses are checked too); anything else stops the read. The URL is an
	 * ID token's issuer.
	 */
	static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter("maxdepth=32;maxrefs=100000;"
			+ "maxarray=100000;maxbytes=4194304;java.lang.*;java.util.*;java.time.*;java.net.URL;"
			+ "org.springframework.security.core.**;org.springframework.security.authentication.*;"
			+ "org.springframework.security.oauth2.**;!*");

	private SessionAttributes() {
	}

	static byte[] write(Map<String, Object> attributes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new HashMap<>(attributes));
		}
		catch (IOException ex) {
			// names the attributes, never their values
			throw new UncheckedIOException("Session attributes " + attributes.keySet() + " cannot be stored", ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @throws InvalidClassException when the bytes hold a class {@link #ALLOWED} refuses, or one that changed
	 * since they were written
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> read(byte[] bytes) throws IOException {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			in.setObjectInputFilter(ALLOWED);
			return (Map<String, Object>) in.readObject();
		}
		catch (ClassNotFoundException | ClassCastException ex) {
			throw new InvalidClassException("not session attributes: " + ex.getMessage());
		}
	}

}
