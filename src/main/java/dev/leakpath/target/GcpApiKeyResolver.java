package dev.leakpath.target;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Google Cloud API keys ({@code AIza…}): a key of some project, which the key itself does not name. Only
 * Google's lookup API could say which, and that would send the key to Google.
 */
final class GcpApiKeyResolver implements TargetResolver {

	private static final Pattern API_KEY = Pattern.compile("\\bAIza[\\w-]{35}(?![\\w-])");

	@Override
	public Set<String> secretTypes() {
		return Set.of("google_api_key", "google_gcp_api_key_bound_service_account", "GoogleApiKey");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		if (!API_KEY.matcher(text).find()) {
			return Optional.empty();
		}
		return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "gcp", "apikeys.googleapis.com/Key", null, null,
				null, null, null, null, "Google API key format; its project is not in the key", SecretTarget.LOW));
	}

}
