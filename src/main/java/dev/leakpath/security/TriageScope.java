package dev.leakpath.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The organisations whose alerts a caller may triage: all of them (an admin), a named few (a triager), or none.
 * Kept apart from {@link AccessScope}: a user may see every organisation and triage only some.
 *
 * @param organizations the organisations triaged, or null for all
 */
public record TriageScope(Set<String> organizations) {

	private static final String PREFIX = "TRIAGE_ORGANIZATION_";

	/** The authority that grants triage everywhere; it cannot be spelled with {@link #PREFIX}. */
	private static final String ALL_ORGANIZATIONS = "TRIAGE_ALL_ORGANIZATIONS";

	public TriageScope {
		organizations = organizations == null ? null : Set.copyOf(new TreeSet<>(organizations));
	}

	public static TriageScope of(Authentication authentication) {
		return new TriageScope(OrganizationAuthorities.read(authentication, ALL_ORGANIZATIONS, PREFIX));
	}

	static GrantedAuthority allOrganizations() {
		return new SimpleGrantedAuthority(ALL_ORGANIZATIONS);
	}

	static List<GrantedAuthority> authorities(Collection<String> organizations) {
		return OrganizationAuthorities.of(PREFIX, organizations);
	}

	public boolean isAll() {
		return organizations == null;
	}

	public boolean isNone() {
		return !isAll() && organizations.isEmpty();
	}

	public boolean allows(String organization) {
		return isAll() || organizations.contains(organization);
	}

}
