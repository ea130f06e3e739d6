package dev.leakpath.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The organisations a caller may see: all of them, or (for a scoped viewer) a named few, or none. Carried as
 * authorities, so API tokens and OIDC sign-ins scope the same way. Seeing every organisation is a grant of its
 * own ({@link #ALL_ORGANIZATIONS}): a caller with no organisation authority sees none, so a sign-in whose
 * organisations claim is empty or missing is refused rather than shown everything.
 *
 * @param organizations the organisations seen, or null for all
 */
public record AccessScope(Set<String> organizations) {

	private static final String PREFIX = "ORGANIZATION_";

	/** The authority that grants every organisation; it cannot be spelled with {@link #PREFIX}. */
	static final String ALL_ORGANIZATIONS = "ALL_ORGANIZATIONS";

	public static final AccessScope ALL = new AccessScope(null);

	public AccessScope {
		organizations = organizations == null ? null : Set.copyOf(new TreeSet<>(organizations));
	}

	public static AccessScope of(Authentication authentication) {
		return new AccessScope(OrganizationAuthorities.read(authentication, ALL_ORGANIZATIONS, PREFIX));
	}

	/** The authority of a caller who sees every organisation. */
	static GrantedAuthority allOrganizations() {
		return new SimpleGrantedAuthority(ALL_ORGANIZATIONS);
	}

	/** The authorities that scope a caller to these organisations (none: no organisation is seen). */
	static List<GrantedAuthority> authorities(Collection<String> organizations) {
		return OrganizationAuthorities.of(PREFIX, organizations);
	}

	public boolean isAll() {
		return organizations == null;
	}

	/** Whether no organisation at all is seen: such a caller reads nothing. */
	public boolean isNone() {
		return !isAll() && organizations.isEmpty();
	}

	public boolean allows(String organization) {
		return isAll() || organizations.contains(organization);
	}

	/** For a {@code text[]} bind: null when every organisation is seen. */
	public String[] organizationArray() {
		return isAll() ? null : organizations.toArray(String[]::new);
	}

}
