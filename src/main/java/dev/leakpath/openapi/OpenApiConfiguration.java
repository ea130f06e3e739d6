package dev.leakpath.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import dev.leakpath.explorer.ExplorerSchemas;
import dev.leakpath.security.AccessScope;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs}: what leakpath is, how a caller authenticates, the
 * parameters many listings share, and how its schemas are named and told apart.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// filled in from the signed-in caller, not from the request
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AccessScope.class, Authentication.class);
	}

	@Bean
	OpenAPI leakpathOpenApi() {
		Components components = new Components()
			.addSecuritySchemes("apiToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("A token from leakpath.api.tokens (admin), viewer-tokens or scoped-tokens"))
			.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.COOKIE)
				.name("SESSION")
				.description("The dashboard's session after OpenID Connect sign-in; changes also need the "
						+ "XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header"))
			.addSecuritySchemes("azureDevOpsServiceHook", new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("basic")
				.description("The user name and password of leakpath.azure-devops.webhook, set on the service-hook "
						+ "subscription"))
			.addParameters("limit", query("limit", "Items per page, 1 to 500 (default 100)",
					integer(1, 500)._default(100)))
			.addParameters("cursor", query("cursor", "nextCursor of the previous page, in the same order",
					text(500)))
			.addParameters("provider", query("provider", "github or azure_devops",
					choice("azure_devops", "github")))
			.addParameters("organization", query("organization", "GitHub or Azure DevOps organisation", text(500)));
		ExplorerSchemas.components().forEach(components::addSchemas);
		components.addSchemas("WebhookAnswer", webhookAnswer());
		return new OpenAPI()
			.info(new Info().title("leakpath API")
				.version("v1")
				.description("Which exposed secrets in our code can reach which of our cloud resources. Reading needs "
						+ "the viewer role, changes need admin. No response ever holds a raw secret. Errors are "
						+ "problem documents (RFC 9457).")
				.license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
			.addServersItem(new Server().url("/").description("The leakpath instance that serves this document"))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList("apiToken"))
			.addSecurityItem(new SecurityRequirement().addList("session"));
	}

	/**
	 * The model resolver springdoc runs last for every type, with the names of {@link ApiTypeNames}. First in
	 * the order of converters springdoc registers, so that those it places before it still see every type.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ModelResolver apiModelResolver() {
		return new ModelResolver(Json31.mapper(), new ApiTypeNames()).openapi31(true);
	}

	@Bean
	RecordSchemas recordSchemas() {
		return new RecordSchemas();
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return new ProblemResponses();
	}

	/** As WebhookIntake answers a delivery it took, or a ping. */
	@SuppressWarnings("rawtypes")
	private static Schema webhookAnswer() {
		return new JsonSchema().typesItem("object")
			.description("What became of the delivery")
			.addProperty("status", choice("accepted", "duplicate", "ignored", "pass_requested", "pong")
				.description("accepted: stored; duplicate: stored before; ignored: not an alert of a configured "
						+ "organisation; pass_requested: the organisation is polled at the next tick; pong: a ping"))
			.addProperty("delivery", text(500).description("The delivery's id (accepted, duplicate)"))
			.addProperty("reason", text(500).description("Why it was ignored (ignored)"))
			.addProperty("scope", text(500).description("The organisation to poll (pass_requested)"))
			.required(List.of("status"));
	}

	private static Parameter query(String name, String description, Schema<?> schema) {
		return new Parameter().in("query").name(name).description(description).schema(schema);
	}

	@SuppressWarnings("unchecked")
	static Schema<Object> integer(int minimum, int maximum) {
		return new JsonSchema().typesItem("integer")
			.format("int32")
			.minimum(BigDecimal.valueOf(minimum))
			.maximum(BigDecimal.valueOf(maximum));
	}

	@SuppressWarnings("unchecked")
	static Schema<Object> text(int maxLength) {
		return new JsonSchema().typesItem("string").minLength(1).maxLength(maxLength);
	}

	@SuppressWarnings("unchecked")
	static Schema<Object> choice(String... values) {
		return new JsonSchema().typesItem("string")._enum(new ArrayList<>(List.of(values)));
	}

}
