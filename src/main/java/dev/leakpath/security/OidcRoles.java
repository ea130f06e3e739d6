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
 * organisation) for an admin value; viewer of every organisation for an all-organisations value; viewer of
 * the organisations in the organisations claim for a viewer value. Anyone else, and a viewer whose
 * organisations claim is empty or missing, gets no role or no organisation, so the API answers 403.
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
			boolean allOrganizations = admin || values.stream().anyMatch(properties.allOrganizationsValues()::contains);
			boolean viewer = allOrganizations || values.stream().anyMatch(properties.viewerValues()::contains);
			List<GrantedAuthority> authorities = new ArrayList<>();
			if (viewer) {
				authorities.add(new SimpleGrantedAuthority(Role.VIEWER.authority()));
			}
			if (admin) {
				authorities.add(new SimpleGrantedAuthority(Role.ADMIN.authority()));
			}
			if (allOrganizations) {
				authorities.add(AccessScope.allOrganizations());
			}
			else if (viewer && properties.organizationsClaim() != null) {
				authorities.addAll(AccessScope.authorities(strings(user.getClaims().get(properties.organizationsClaim()))));
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
