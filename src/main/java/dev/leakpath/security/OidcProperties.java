package dev.leakpath.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Dashboard sign-in with an OpenID Connect provider (Entra ID, Okta, Keycloak, Google ...). Off while
 * {@code issuerUri} is unset. Every role is granted by a value of the roles claim: with none of
 * {@code adminValues}, {@code viewerValues} and {@code allOrganizationsValues} set, leakpath refuses to start.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} is read at start-up
 * @param clientId the client registered at the provider, with redirect URI
 * {@code https://<leakpath>/login/oauth2/code/oidc}
 * @param clientSecret its secret
 * @param scopes scopes asked for
 * @param rolesClaim the ID-token or user-info claim listing the user's groups or roles
 * @param adminValues values of that claim that make an admin (who sees every organisation)
 * @param viewerValues values that make a viewer of the organisations in {@code organizationsClaim}; a
 * viewer whose claim is empty or missing sees nothing (403)
 * @param allOrganizationsValues values that make a viewer of every organisation
 * @param organizationsClaim the claim listing the organisations a viewer may see
 * @param triagerValues values that make a triager (and viewer) of the organisations in {@code organizationsClaim};
 * one whose claim is empty or missing triages nothing (403)
 */
@ConfigurationProperties("leakpath.oidc")
record OidcProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes, String rolesClaim,
		List<String> adminValues, List<String> viewerValues, List<String> allOrganizationsValues,
		String organizationsClaim, List<String> triagerValues) {

	OidcProperties {
		scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
		rolesClaim = StringUtils.hasText(rolesClaim) ? rolesClaim : "groups";
		adminValues = values(adminValues);
		viewerValues = values(viewerValues);
		allOrganizationsValues = values(allOrganizationsValues);
		triagerValues = values(triagerValues);
		organizationsClaim = StringUtils.hasText(organizationsClaim) ? organizationsClaim.strip() : null;
	}

	boolean enabled() {
		return StringUtils.hasText(issuerUri);
	}

	/** Whether any claim value grants a role: without one, sign-in could only let no one, or everyone, in. */
	boolean grantsAnyRole() {
		return !adminValues.isEmpty() || !viewerValues.isEmpty() || !allOrganizationsValues.isEmpty()
				|| !triagerValues.isEmpty();
	}

	/** Says whether the client secret is set, never what it is. */
	@Override
	public String toString() {
		return "OidcProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret="
				+ (StringUtils.hasText(clientSecret) ? "(set)" : "(unset)") + ", scopes=" + scopes + ", rolesClaim="
				+ rolesClaim + ", adminValues=" + adminValues + ", viewerValues=" + viewerValues
				+ ", allOrganizationsValues=" + allOrganizationsValues + ", organizationsClaim=" + organizationsClaim
				+ ", triagerValues=" + triagerValues + "]";
	}

	private static List<String> values(List<String> values) {
		return values == null ? List.of()
				: values.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

}
