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
 */
@ConfigurationProperties("leakpath.api")
record ApiTokenProperties(List<String> tokens, List<String> viewerTokens, List<ScopedToken> scopedTokens) {

	ApiTokenProperties {
		tokens = cleaned(tokens);
		viewerTokens = cleaned(viewerTokens);
		scopedTokens = scopedTokens == null ? List.of()
				: scopedTokens.stream().filter(scoped -> StringUtils.hasText(scoped.token())).toList();
	}

	boolean isEmpty() {
		return tokens.isEmpty() && viewerTokens.isEmpty() && scopedTokens.isEmpty();
	}

	/** How many tokens of each kind are set, never what they are. */
	@Override
	public String toString() {
		return "ApiTokenProperties[tokens=" + tokens.size() + " set, viewerTokens=" + viewerTokens.size()
				+ " set, scopedTokens=" + scopedTokens + "]";
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
