package dev.leakpath.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Accepts a bearer token equal to a configured one, compared in constant time against every token. The
 * caller is named by the scoped token's name, or by the start of the token's SHA-256, never the token.
 */
final class ApiTokenAuthenticationManager implements ReactiveAuthenticationManager {

	private final List<KnownToken> tokens = new ArrayList<>();

	ApiTokenAuthenticationManager(ApiTokenProperties properties) {
		for (String token : properties.tokens()) {
			tokens.add(new KnownToken(token, "token:" + digest(token), List.of(Role.VIEWER, Role.TRIAGER, Role.ADMIN),
					null, null));
		}
		for (String token : properties.viewerTokens()) {
			tokens.add(new KnownToken(token, "token:" + digest(token), List.of(Role.VIEWER), null, List.of()));
		}
		for (ApiTokenProperties.ScopedToken scoped : properties.scopedTokens()) {
			requireOrganizations("scoped-tokens", scoped);
			tokens.add(new KnownToken(scoped.token(), name(scoped), List.of(Role.VIEWER), scoped.organizations(),
					List.of()));
		}
		// a triager sees and triages the same organisations
		for (ApiTokenProperties.ScopedToken triager : properties.triagerTokens()) {
			requireOrganizations("triager-tokens", triager);
			tokens.add(new KnownToken(triager.token(), name(triager), List.of(Role.VIEWER, Role.TRIAGER),
					triager.organizations(), triager.organizations()));
		}
	}

	private static void requireOrganizations(String setting, ApiTokenProperties.ScopedToken scoped) {
		if (scoped.organizations().isEmpty()) {
			throw new IllegalStateException("leakpath.api." + setting + " entry '" + scoped.name()
					+ "' names no organizations; use leakpath.api.viewer-tokens for a token that sees all");
		}
	}

	private static String name(ApiTokenProperties.ScopedToken scoped) {
		return scoped.name() == null ? "token:" + digest(scoped.token()) : "token:" + scoped.name();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
		KnownToken match = null;
		for (KnownToken token : tokens) {
			if (MessageDigest.isEqual(token.value(), presented)) {
				match = token;
			}
		}
		if (match == null) {
			return Mono.error(new BadCredentialsException("Unknown API token"));
		}
		// admin and viewer tokens are the explicit grants of every organisation
		List<GrantedAuthority> authorities = new ArrayList<>(match.organizations() == null
				? List.of(AccessScope.allOrganizations()) : AccessScope.authorities(match.organizations()));
		authorities.addAll(match.triageOrganizations() == null ? List.of(TriageScope.allOrganizations())
				: TriageScope.authorities(match.triageOrganizations()));
		match.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated(match.name(), null, authorities));
	}

	private static String digest(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param organizations those seen, or null for every organisation
	 * @param triageOrganizations those triaged, or null for every organisation
	 */
	private record KnownToken(byte[] value, String name, List<Role> roles, List<String> organizations,
			List<String> triageOrganizations) {

		KnownToken(String value, String name, List<Role> roles, List<String> organizations,
				List<String> triageOrganizations) {
			this(value.getBytes(StandardCharsets.UTF_8), name, roles, organizations, triageOrganizations);
		}

	}

}
