package dev.leakpath.security;

import java.net.URI;

import dev.leakpath.settings.HttpUrls;
import dev.leakpath.settings.InvalidSettingException;

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
import org.springframework.util.StringUtils;

/** The OpenID Connect client, when {@code leakpath.oidc.issuer-uri} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${leakpath.oidc.issuer-uri:}' != ''")
class OidcConfiguration {

	static final String REGISTRATION_ID = "oidc";

	/** Reads the provider's discovery document once, at start-up (not on a request thread). */
	@Bean
	ReactiveClientRegistrationRepository oidcClientRegistrations(OidcProperties properties) {
		if (!StringUtils.hasText(properties.clientId()) || !StringUtils.hasText(properties.clientSecret())) {
			throw new InvalidSettingException("leakpath.oidc.client-id",
					"and client-secret are needed: leakpath.oidc.issuer-uri is set");
		}
		if (!properties.grantsAnyRole()) {
			throw new InvalidSettingException("leakpath.oidc.admin-values",
					"or viewer-values (or all-organizations-values, triager-values) must name a value of the " + properties.rolesClaim()
							+ " claim: leakpath.oidc.issuer-uri is set, and no one is let in without a value");
		}
		HttpUrls.require("leakpath.oidc.issuer-uri", URI.create(properties.issuerUri()));
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
