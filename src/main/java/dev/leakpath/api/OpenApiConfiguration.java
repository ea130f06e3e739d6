package dev.leakpath.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.utils.SpringDocUtils;

import dev.leakpath.security.AccessScope;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;

/** The OpenAPI document's cover: what leakpath is and how a caller authenticates. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// filled in from the signed-in caller, not from the request
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AccessScope.class, Authentication.class);
	}

	@Bean
	OpenAPI leakpathOpenApi() {
		return new OpenAPI()
			.info(new Info().title("leakpath API")
				.version("v1")
				.description("Which exposed secrets in our code can reach which of our cloud resources. Reading needs "
						+ "the viewer role, changes need admin. No response ever holds a raw secret.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("apiToken",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
							.description("A token from leakpath.api.tokens (admin), viewer-tokens or scoped-tokens"))
				.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE)
					.name("SESSION")
					.description("The dashboard's session after OpenID Connect sign-in; changes also need the "
							+ "XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header")))
			.addSecurityItem(new SecurityRequirement().addList("apiToken"))
			.addSecurityItem(new SecurityRequirement().addList("session"));
	}

}
