package dev.leakpath.testsupport;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates payloads against GitHub's official webhook schemas ({@code components.schemas} of
 * {@code @octokit/openapi-webhooks}), with a JSON Schema validator nobody here wrote: a fixture that passes is
 * shaped as GitHub sends it.
 */
public final class OctokitSchemas {

	private static final String WEBHOOKS = "https://octokit.invalid/openapi-webhooks/api.github.com.json";

	private static JsonSchemaFactory factory;

	private OctokitSchemas() {
	}

	/** The problems of {@code payload} against the webhook's request-body schema; empty when it conforms. */
	public static Set<String> problems(String webhook, JsonNode payload) {
		String ref = OctokitDescriptions.webhooks()
			.path("webhooks").path(webhook).path("post").path("requestBody").path("content")
			.path("application/json").path("schema").path("$ref").asText(null);
		if (ref == null) {
			throw new IllegalArgumentException("No webhook '" + webhook + "' in GitHub's description");
		}
		JsonSchema schema = factory().getSchema(SchemaLocation.of(WEBHOOKS + ref));
		return schema.validate(payload).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
	}

	private static synchronized JsonSchemaFactory factory() {
		if (factory == null) {
			String description = OctokitDescriptions.webhooks().toString();
			factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
					builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(WEBHOOKS, description))));
		}
		return factory;
	}

}
