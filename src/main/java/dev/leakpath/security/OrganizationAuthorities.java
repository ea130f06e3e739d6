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
 * Organisations carried as authorities, one kind per prefix ({@link AccessScope} what is seen,
 * {@link TriageScope} what is triaged), with a grant of every organisation of its own: no authority of a kind
 * grants none.
 */
final class OrganizationAuthorities {

	private OrganizationAuthorities() {
	}

	/** The organisations granted with {@code prefix}, or null when {@code all} is granted. */
	static Set<String> read(Authentication authentication, String all, String prefix) {
		Set<String> organizations = new TreeSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority.getAuthority().equals(all)) {
				return null;
			}
			if (authority.getAuthority().startsWith(prefix)) {
				organizations.add(authority.getAuthority().substring(prefix.length()));
			}
		}
		return organizations;
	}

	static List<GrantedAuthority> of(String prefix, Collection<String> organizations) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String organization : organizations) {
			authorities.add(new SimpleGrantedAuthority(prefix + organization));
		}
		return authorities;
	}

}
