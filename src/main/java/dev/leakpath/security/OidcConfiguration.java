package dev.leakpath.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The OpenID Connect client, when {@code leakpath.oidc.issuer-uri} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${leakpath.oidc.issuer-uri:}' != ''")
class OidcConfiguration {

	static final String REGISTRATION_ID = "oidc";

	/** Reads the provider's discovery document once, at start-up (not on a request thread). */
	@Bean
	ReactiveClientRegistrationRepository oidcClientRegistrations(OidcProperties properties) {
		if (properties.clientId() == null || properties.clientSecret() == null) {
			throw new IllegalStateException(
					"leakpath.oidc.issuer-uri is set, so leakpath.oidc.client-id and client-secret are needed too");
		}
		ClientRegistration registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
			.registrationId(REGISTRATION_ID)
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.scope(properties.scopes())
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.build();
		return new InMemoryReactiveClientRegistrationRepository(registration);
	}

	@Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcRoles(OidcProperties properties) {
		return new OidcRoles(properties);
	}

}
