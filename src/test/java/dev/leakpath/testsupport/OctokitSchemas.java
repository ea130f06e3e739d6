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
 * {@code @octokit/openapi-webhooks}), and request bodies against its REST operations' ({@code @octokit/openapi}),
 * with a JSON Schema validator nobody here wrote: a fixture that passes is shaped as GitHub sends it, a request as
 * GitHub takes it.
 */
public final class OctokitSchemas {

	private static final String WEBHOOKS = "https://octokit.invalid/openapi-webhooks/api.github.com.json";

	private static final String REST = "https://octokit.invalid/openapi/api.github.com.json";

	private static JsonSchemaFactory factory;

	private static JsonSchemaFactory restFactory;

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

	/**
	 * The problems of a request body against a REST operation's {@code requestBody} schema (of
	 * {@code @octokit/openapi}); empty when it conforms.
	 */
	public static Set<String> requestProblems(String path, String method, JsonNode body) {
		if (OctokitDescriptions.rest().path("paths").path(path).path(method).path("requestBody").isMissingNode()) {
			throw new IllegalArgumentException("No " + method + " " + path + " with a body in GitHub's description");
		}
		// a JSON pointer into the description, as a URI fragment (RFC 6901 section 6), so its $refs resolve there
		String pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method
				+ "/requestBody/content/application~1json/schema";
		String fragment = pointer.replace("{", "%7B").replace("}", "%7D");
		return restFactory().getSchema(SchemaLocation.of(REST + "#" + fragment)).validate(body).stream()
			.map(ValidationMessage::getMessage)
			.collect(Collectors.toSet());
	}

	private static synchronized JsonSchemaFactory restFactory() {
		if (restFactory == null) {
			String description = OctokitDescriptions.rest().toString();
			restFactory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
					builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(REST, description))));
		}
		return restFactory;
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
