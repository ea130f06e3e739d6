package dev.leakpath.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The organisations a caller may see: all of them, or (for a scoped viewer) a named few. Carried as
 * authorities, so API tokens and OIDC sign-ins scope the same way.
 *
 * @param organizations the organisations seen, or null for all
 */
public record AccessScope(Set<String> organizations) {

	private static final String PREFIX = "ORGANIZATION_";

	public static final AccessScope ALL = new AccessScope(null);

	public AccessScope {
		organizations = organizations == null ? null : Set.copyOf(new TreeSet<>(organizations));
	}

	public static AccessScope of(Authentication authentication) {
		Set<String> organizations = new TreeSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority.getAuthority().startsWith(PREFIX)) {
				organizations.add(authority.getAuthority().substring(PREFIX.length()));
			}
		}
		return organizations.isEmpty() ? ALL : new AccessScope(organizations);
	}

	/** The authorities that scope a caller to these organisations (none for all). */
	static List<GrantedAuthority> authorities(Collection<String> organizations) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String organization : organizations) {
			authorities.add(new SimpleGrantedAuthority(PREFIX + organization));
		}
		return authorities;
	}

	public boolean isAll() {
		return organizations == null;
	}

	public boolean allows(String organization) {
		return isAll() || organizations.contains(organization);
	}

	/** For a {@code text[]} bind: null when every organisation is seen. */
	public String[] organizationArray() {
		return isAll() ? null : organizations.toArray(String[]::new);
	}

}
