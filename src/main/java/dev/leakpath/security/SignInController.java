package dev.leakpath.security;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.lang.Nullable;

/** What the dashboard needs to sign a user in, and who the caller is. */
@Tag(name = "session")
@RestController
class SignInController {

	private final boolean oidc;

	SignInController(ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
		this.oidc = registrations.getIfAvailable() != null;
	}

	/** Open to all: whether single sign-on is set up, and where it starts. */
	@Operation(operationId = "getSignInOptions", summary = "Whether OpenID Connect sign-in is set up (open to all)",
			security = {})
	@GetMapping("/auth/options")
	SignInOptions options() {
		return new SignInOptions(oidc, oidc ? "/oauth2/authorization/" + OidcConfiguration.REGISTRATION_ID : "");
	}

	@Operation(operationId = "getCaller", summary = "The caller's name, roles, and the organisations it sees and triages")
	@GetMapping("/api/v1/me")
	Caller me(Authentication authentication) {
		List<String> roles = new ArrayList<>();
		for (Role role : Role.values()) {
			if (Callers.has(authentication, role)) {
				roles.add(role.name().toLowerCase());
			}
		}
		AccessScope scope = AccessScope.of(authentication);
		TriageScope triage = TriageScope.of(authentication);
		return new Caller(Callers.name(authentication), roles, scope.isAll() ? null : List.copyOf(scope.organizations()),
				triage.isAll() ? null : List.copyOf(triage.organizations()));
	}

	/** @param oidcLoginUrl where the dashboard sends a user to sign in; empty without OpenID Connect */
	record SignInOptions(boolean oidc, String oidcLoginUrl) {
	}

	/**
	 * @param organizations the organisations seen, or null for all
	 * @param triageOrganizations the organisations whose alerts the caller may triage, or null for all
	 */
	record Caller(String name, List<String> roles, @Nullable List<String> organizations,
			@Nullable List<String> triageOrganizations) {
	}

}
