package dev.leakpath.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** How a caller is named in the audit log and in {@code /api/v1/me}. */
public final class Callers {

	private Callers() {
	}

	/** {@code token:<name or hash>} for an API token, {@code oidc:<email, user name or subject>} for a user. */
	public static String name(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OidcUser user) {
			String name = user.getEmail() != null ? user.getEmail()
					: user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
			return "oidc:" + name;
		}
		return authentication.getName();
	}

	public static boolean has(Authentication authentication, Role role) {
		return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
	}

}
