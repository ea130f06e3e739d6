package dev.leakpath.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tokens of SaaS services with no cloud asset behind them: GitHub, Azure DevOps, npm, OpenAI, Slack, Travis,
 * MWS, and MongoDB Atlas clusters.
 */
final class SaasResolver implements TargetResolver {

	private static final Map<String, String> SERVICE_BY_TYPE = Map.ofEntries(
			Map.entry("github_personal_access_token", "github"), Map.entry("github_oauth_access_token", "github"),
			Map.entry("github_app_installation_access_token", "github"), Map.entry("github_refresh_token", "github"),
			Map.entry("azure_devops_personal_access_token", "azure_devops"), Map.entry("AdoPat", "azure_devops"),
			Map.entry("AdoLegacyPat", "azure_devops"), Map.entry("azure_devops_app_secret", "azure_devops"),
			Map.entry("npm_access_token", "npm"), Map.entry("NpmAuthorKey", "npm"),
			Map.entry("openai_api_key", "openai"), Map.entry("slack_api_token", "slack"),
			Map.entry("slack_incoming_webhook_url", "slack"), Map.entry("travis_personal_token", "travis"),
			Map.entry("amazon_mws_auth_token", "amazon_mws"));

	private static final Map<Pattern, String> SERVICE_BY_SHAPE = new LinkedHashMap<>();

	static {
		SERVICE_BY_SHAPE.put(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_\\w{82})\\b"), "github");
		SERVICE_BY_SHAPE.put(Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b"), "npm");
		SERVICE_BY_SHAPE.put(Pattern.compile("\\bsk-(?:proj-|svcacct-|admin-)?[\\w-]*T3BlbkFJ[\\w-]+"), "openai");
		SERVICE_BY_SHAPE.put(Pattern.compile("\\bxox[abposr]-[0-9A-Za-z-]{10,}"), "slack");
		SERVICE_BY_SHAPE.put(Pattern.compile("https://hooks\\.slack\\.com/services/"), "slack");
		SERVICE_BY_SHAPE.put(Pattern.compile("\\bamzn\\.mws\\.[0-9a-f]{8}-"), "amazon_mws");
		SERVICE_BY_SHAPE.put(Pattern.compile("@[\\w.-]+\\.mongodb\\.net\\b"), "mongodb_atlas");
	}

	@Override
	public Set<String> secretTypes() {
		return SERVICE_BY_TYPE.keySet();
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		String service = secretType == null ? null : SERVICE_BY_TYPE.get(secretType);
		if (service != null) {
			return Optional.of(SecretTarget.saas(service, "secret type " + secretType));
		}
		for (Map.Entry<Pattern, String> shape : SERVICE_BY_SHAPE.entrySet()) {
			if (shape.getKey().matcher(text).find()) {
				return Optional.of(SecretTarget.saas(shape.getValue(), shape.getValue() + " token format"));
			}
		}
		return Optional.empty();
	}

}
