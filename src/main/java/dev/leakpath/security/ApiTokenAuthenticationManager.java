package dev.leakpath.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/** Accepts a bearer token equal to one of the configured API tokens, compared in constant time. */
final class ApiTokenAuthenticationManager implements ReactiveAuthenticationManager {

	private final List<byte[]> tokens;

	ApiTokenAuthenticationManager(List<String> tokens) {
		this.tokens = tokens.stream().map(token -> token.getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
		boolean known = false;
		for (byte[] token : tokens) {
			known |= MessageDigest.isEqual(token, presented);
		}
		if (!known) {
			return Mono.error(new BadCredentialsException("Unknown API token"));
		}
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated("api-token", null,
				AuthorityUtils.createAuthorityList("ROLE_API")));
	}

}
