package dev.leakpath.target;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Entra (Azure AD) access tokens and other JWTs: the claims are read, never verified. {@code tid} is the
 * tenant, {@code appid} (or {@code azp}) the application, {@code aud} the API the token is for.
 */
final class JwtResolver implements TargetResolver {

	private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.(eyJ[A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]*");

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public Set<String> secretTypes() {
		return Set.of("azure_active_directory_access_token", "jwt", "UnclassifiedJwt");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher token = JWT.matcher(text);
		while (token.find()) {
			Optional<JsonNode> claims = claims(token.group(1));
			if (claims.isEmpty()) {
				continue;
			}
			JsonNode payload = claims.get();
			String tenant = text(payload, "tid");
			String application = Optional.ofNullable(text(payload, "appid")).orElse(text(payload, "azp"));
			String audience = text(payload, "aud");
			String issuer = text(payload, "iss");
			boolean entra = tenant != null || (issuer != null && (issuer.contains("login.microsoftonline.com")
					|| issuer.contains("sts.windows.net")));
			if (entra) {
				return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "azure", "Microsoft.Entra/applications",
						application, host(audience), null, tenant, null,
						// the token acts as its application: its reach is the application's (identity_credential)
						application == null ? null : EntraClientIds.fingerprint(application),
						"access token claims tid/appid/aud",
						SecretTarget.HIGH));
			}
			return Optional.of(new SecretTarget(TargetKind.UNRESOLVED, null, null, application, host(audience), null,
					null, null, null, "JWT of issuer " + (issuer == null ? "unknown" : Hosts.normalise(issuer)),
					SecretTarget.LOW));
		}
		return Optional.empty();
	}

	private static Optional<JsonNode> claims(String encoded) {
		try {
			JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
			return payload != null && payload.isObject() ? Optional.of(payload) : Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The audience when it is a URL (an API), else null: a bare GUID audience names nothing here. */
	private static String host(String audience) {
		return audience != null && audience.contains("://") ? Hosts.normalise(audience) : null;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
	}

}
