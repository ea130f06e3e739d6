package dev.leakpath.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Dashboard sign-in with an OpenID Connect provider (Entra ID, Okta, Keycloak, Google ...). Off while
 * {@code issuerUri} is unset.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} is read at start-up
 * @param clientId the client registered at the provider, with redirect URI
 * {@code https://<leakpath>/login/oauth2/code/oidc}
 * @param clientSecret its secret
 * @param scopes scopes asked for
 * @param rolesClaim the ID-token or user-info claim listing the user's groups or roles
 * @param adminValues values of that claim that make an admin
 * @param viewerValues values that make a viewer; empty: every signed-in user is a viewer
 * @param organizationsClaim a claim listing the organisations a (non-admin) viewer may see; unset, or absent
 * from the token: all
 */
@ConfigurationProperties("leakpath.oidc")
record OidcProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes, String rolesClaim,
		List<String> adminValues, List<String> viewerValues, String organizationsClaim) {

	OidcProperties {
		scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
		rolesClaim = StringUtils.hasText(rolesClaim) ? rolesClaim : "groups";
		adminValues = adminValues == null ? List.of() : List.copyOf(adminValues);
		viewerValues = viewerValues == null ? List.of() : List.copyOf(viewerValues);
	}

	boolean enabled() {
		return StringUtils.hasText(issuerUri);
	}

}
