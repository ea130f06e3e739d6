package dev.leakpath.target;

import java.util.Locale;

/**
 * The credential fingerprint of an Entra application (client) id: {@code sha256:} and the lower-case hex SHA-256 of
 * the lower-cased id (a GUID, whose case carries nothing), as {@code identity_credential} holds it for the
 * application's service principal (V202612130000), so that a secret naming the client id finds it.
 */
public final class EntraClientIds {

	private EntraClientIds() {
	}

	public static String fingerprint(String clientId) {
		return AwsKeys.fingerprint(clientId.strip().toLowerCase(Locale.ROOT));
	}

}
