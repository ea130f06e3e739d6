package dev.leakpath.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Gives a signed-in user leakpath's roles from a claim, granting only what a value names: admin (and every
 * organisation, to see and to triage) for an admin value; viewer of every organisation for an all-organisations
 * value; viewer of the organisations in the organisations claim for a viewer value; triager (and viewer) of the
 * organisations in that claim for a triager value. Anyone else, and a viewer or triager whose organisations claim
 * is empty or missing, gets no role or no organisation, so the API answers 403.
 */
final class OidcRoles implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();

	private final OidcProperties properties;

	OidcRoles(OidcProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<OidcUser> loadUser(OidcUserRequest request) {
		return delegate.loadUser(request).map(user -> {
			List<String> values = strings(user.getClaims().get(properties.rolesClaim()));
			boolean admin = values.stream().anyMatch(properties.adminValues()::contains);
			boolean triager = admin || values.stream().anyMatch(properties.triagerValues()::contains);
			boolean allOrganizations = admin || values.stream().anyMatch(properties.allOrganizationsValues()::contains);
			boolean viewer = allOrganizations || triager
					|| values.stream().anyMatch(properties.viewerValues()::contains);
			List<String> claimed = properties.organizationsClaim() == null ? List.of()
					: strings(user.getClaims().get(properties.organizationsClaim()));
			List<GrantedAuthority> authorities = new ArrayList<>();
			if (viewer) {
				authorities.add(new SimpleGrantedAuthority(Role.VIEWER.authority()));
			}
			if (triager) {
				authorities.add(new SimpleGrantedAuthority(Role.TRIAGER.authority()));
			}
			if (admin) {
				authorities.add(new SimpleGrantedAuthority(Role.ADMIN.authority()));
			}
			if (allOrganizations) {
				authorities.add(AccessScope.allOrganizations());
			}
			else if (viewer) {
				authorities.addAll(AccessScope.authorities(claimed));
			}
			if (admin) {
				authorities.add(TriageScope.allOrganizations());
			}
			else if (triager) {
				authorities.addAll(TriageScope.authorities(claimed));
			}
			return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
		});
	}

	private static List<String> strings(Object claim) {
		if (claim instanceof Collection<?> collection) {
			return collection.stream().map(String::valueOf).filter(value -> !value.isBlank()).toList();
		}
		return claim == null || String.valueOf(claim).isBlank() ? List.of() : List.of(String.valueOf(claim));
	}

}
