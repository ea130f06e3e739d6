package dev.leakpath.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Gives every operation the problem documents (RFC 9457, {@code application/problem+json}) it can answer with,
 * from what the operation is: every {@code /api} call can be refused (401, 403) and can meet a database outage
 * (503); one that reads parameters or a body can be sent bad ones (400); one with a path parameter can name
 * nothing (404); one with a body can be sent another media type (415); one that answers a body can be asked for
 * one it does not make (406). An error an operation declares itself (a 409, a webhook's 413) keeps its own
 * description and gets the problem document as its content.
 */
final class ProblemResponses implements OpenApiCustomizer {

	static final String SCHEMA = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final Map<String, String> DESCRIPTIONS = Map.of("400",
			"The parameters or the body are not what this call takes; detail says which and why", "401",
			"No valid API token and no signed-in session", "403",
			"The caller's role or organisation scope does not allow this call", "404", "Nothing has that id", "406",
			"The Accept header names no media type this call answers", "409",
			"The change conflicts with what is stored", "415", "The Content-Type is not one this call reads", "500",
			"The request failed; the server log has the details", "503",
			"The database cannot be reached; try again after Retry-After");

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(SCHEMA, problem());
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
			.forEach((method, operation) -> add(path, method, operation)));
	}

	private static void add(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean api = path.startsWith("/api/");
		boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
				|| operation.getRequestBody() != null;
		if (api) {
			declare(responses, "401");
			// only signing in is needed to ask who one is
			if (!(path.equals("/api/v1/me") && method == PathItem.HttpMethod.GET)) {
				declare(responses, "403");
			}
			declare(responses, "503");
		}
		if (takesInput) {
			declare(responses, "400");
		}
		if (path.contains("{")) {
			declare(responses, "404");
		}
		if (api && operation.getRequestBody() != null) {
			declare(responses, "415");
		}
		// the annotated controllers negotiate what they answer; the webhook routes answer JSON whatever is asked
		if (!path.startsWith("/webhooks/") && answersABody(responses)) {
			declare(responses, "406");
		}
		declare(responses, "500");
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				asProblem(status, response);
			}
		});
		sortByStatus(operation);
	}

	private static void declare(ApiResponses responses, String status) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().description(DESCRIPTIONS.get(status)));
		}
	}

	private static void asProblem(String status, ApiResponse response) {
		if (response.getDescription() == null || response.getDescription().isBlank()) {
			response.setDescription(DESCRIPTIONS.getOrDefault(status, "A problem document says what went wrong"));
		}
		response.setContent(new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + SCHEMA))));
		if (status.equals("503")) {
			response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
				.schema(new JsonSchema().typesItem("integer").minimum(BigDecimal.ZERO)));
		}
		if (status.equals("401")) {
			response.addHeaderObject("WWW-Authenticate",
					new Header().description("How to authenticate").schema(new JsonSchema().typesItem("string")));
		}
	}

	private static boolean answersABody(ApiResponses responses) {
		return responses.entrySet()
			.stream()
			.anyMatch(entry -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null
					&& !entry.getValue().getContent().isEmpty());
	}

	private static void sortByStatus(Operation operation) {
		ApiResponses sorted = new ApiResponses();
		new TreeMap<>(operation.getResponses()).forEach(sorted::addApiResponse);
		operation.setResponses(sorted);
	}

	@SuppressWarnings("rawtypes")
	private static Schema problem() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", text("A URI naming the kind of problem, such as https://leakpath.dev/problems/bad-request")
			.format("uri"));
		properties.put("title", text("A short summary of the kind of problem"));
		properties.put("status", new JsonSchema().typesItem("integer").description("The HTTP status"));
		properties.put("detail", text("What went wrong with this request, in the API's terms"));
		properties.put("instance", text("The request the problem belongs to").format("uri"));
		properties.put("errors", new JsonSchema().typesItem("array")
			.description("Each invalid row of an asset batch (PUT /api/v1/assets)")
			.items(new JsonSchema().typesItem("object")
				.addProperty("index", new JsonSchema().typesItem("integer").description("The row's index in the batch"))
				.addProperty("field", text("The row's field"))
				.addProperty("message", text("What is wrong with it"))
				.required(List.of("index", "field", "message"))));
		return new JsonSchema().typesItem("object")
			.description("A problem document (RFC 9457)")
			.properties(properties)
			.required(List.of("type", "title", "status"));
	}

	@SuppressWarnings("rawtypes")
	private static Schema text(String description) {
		return new JsonSchema().typesItem("string").description(description);
	}

}
