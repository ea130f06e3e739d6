package dev.leakpath.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Static bearer tokens for {@code /api/**}. With none (and no OIDC sign-in), the API refuses every request.
 *
 * @param tokens admin tokens: read everything, trigger syncs, import assets, save queries
 * @param viewerTokens read-only tokens over every organisation
 * @param scopedTokens read-only tokens limited to some organisations
 * @param triagerTokens tokens that read and triage the alerts of some organisations (assign, resolve, dismiss,
 * reopen them at their provider)
 */
@ConfigurationProperties("leakpath.api")
record ApiTokenProperties(List<String> tokens, List<String> viewerTokens, List<ScopedToken> scopedTokens,
		List<ScopedToken> triagerTokens) {

	ApiTokenProperties {
		tokens = cleaned(tokens);
		viewerTokens = cleaned(viewerTokens);
		scopedTokens = withTokens(scopedTokens);
		triagerTokens = withTokens(triagerTokens);
	}

	boolean isEmpty() {
		return tokens.isEmpty() && viewerTokens.isEmpty() && scopedTokens.isEmpty() && triagerTokens.isEmpty();
	}

	/** How many tokens of each kind are set, never what they are. */
	@Override
	public String toString() {
		return "ApiTokenProperties[tokens=" + tokens.size() + " set, viewerTokens=" + viewerTokens.size()
				+ " set, scopedTokens=" + scopedTokens + ", triagerTokens=" + triagerTokens + "]";
	}

	private static List<ScopedToken> withTokens(List<ScopedToken> scoped) {
		return scoped == null ? List.of() : scoped.stream().filter(one -> StringUtils.hasText(one.token())).toList();
	}

	private static List<String> cleaned(List<String> tokens) {
		return tokens == null ? List.of() : tokens.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

	/**
	 * @param name shown in the audit log instead of the token
	 * @param token the bearer token
	 * @param organizations the organisations (GitHub organisations, Azure DevOps organisations) it may see
	 */
	record ScopedToken(String name, String token, List<String> organizations) {

		ScopedToken {
			token = token == null ? null : token.strip();
			organizations = organizations == null ? List.of() : List.copyOf(organizations);
		}

		/** Names the token, never shows it. */
		@Override
		public String toString() {
			return "ScopedToken[name=" + name + ", token=" + (StringUtils.hasText(token) ? "(set)" : "(unset)")
					+ ", organizations=" + organizations + "]";
		}

	}

}
