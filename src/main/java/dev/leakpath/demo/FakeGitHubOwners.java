package dev.leakpath.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A fake GitHub's answer to leakpath's owners query ({@code POST /graphql}; the query is
 * {@code GitHubOwnersQuery}'s: {@code repositoryN: repository(owner: $ownerN, name: $nameN)} with
 * {@code github}, {@code root} and {@code docs: object(expression: $…N)} and {@code collaborators}), from the
 * repositories its stub's transformer parameters describe:
 * {@code {"repositories": {"org/repo": {"files": {"PATH": "text"}, "collaborators": [{"login", "permission"}],
 * "collaboratorsForbidden": true, "missing": true}}}}. Answers as GitHub's GraphQL API does
 * (docs.github.com/graphql: "Forming calls", the {@code Repository.object} and {@code collaborators} fields):
 * a path with no file is {@code null}; a repository it does not know is {@code null} with a {@code NOT_FOUND}
 * error; collaborators the token may not see are {@code null} with a {@code FORBIDDEN} error, beside the other
 * fields' data. A repository not described exists, with no CODEOWNERS and no collaborators.
 */
public final class FakeGitHubOwners implements ResponseDefinitionTransformerV2 {

	public static final String NAME = "github-owners-graphql";

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final String[] PLACES = { "github", "root", "docs" };

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Parameters parameters = serveEvent.getTransformerParameters();
		JsonNode described = MAPPER.valueToTree(parameters == null ? Map.of() : parameters)
			.path("repositories");
		JsonNode variables;
		try {
			variables = MAPPER.readTree(serveEvent.getRequest().getBodyAsString()).path("variables");
		}
		catch (IOException ex) {
			return aResponse().withStatus(400).build();
		}
		ObjectNode answer = MAPPER.createObjectNode();
		ObjectNode data = answer.putObject("data");
		ArrayNode errors = MAPPER.createArrayNode();
		for (int i = 0; variables.has("owner" + i); i++) {
			String alias = "repository" + i;
			String fullName = variables.get("owner" + i).asText() + "/" + variables.path("name" + i).asText();
			JsonNode repository = described.path(fullName);
			if (repository.path("missing").asBoolean(false)) {
				data.putNull(alias);
				errors.add(error("NOT_FOUND", "Could not resolve to a Repository with the name '" + fullName + "'.",
						alias));
				continue;
			}
			ObjectNode answered = data.putObject(alias);
			for (String place : PLACES) {
				String expression = variables.path(place + i).asText();
				String path = expression.substring(expression.indexOf(':') + 1);
				JsonNode text = repository.path("files").path(path);
				if (text.isTextual()) {
					answered.putObject(place)
						.put("text", text.asText())
						.put("isBinary", false)
						.put("byteSize", text.asText().getBytes(StandardCharsets.UTF_8).length);
				}
				else {
					answered.putNull(place);
				}
			}
			if (repository.path("collaboratorsForbidden").asBoolean(false)) {
				answered.putNull("collaborators");
				errors.add(error("FORBIDDEN", "Resource not accessible by integration", alias, "collaborators"));
				continue;
			}
			ArrayNode edges = answered.putObject("collaborators").putArray("edges");
			for (JsonNode collaborator : repository.path("collaborators")) {
				ObjectNode edge = edges.addObject().put("permission", collaborator.path("permission").asText());
				edge.putObject("node").put("login", collaborator.path("login").asText());
			}
		}
		if (!errors.isEmpty()) {
			answer.set("errors", errors);
		}
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(answer.toString())
			.build();
	}

	private static ObjectNode error(String type, String message, String... path) {
		ObjectNode error = MAPPER.createObjectNode().put("type", type);
		ArrayNode at = error.putArray("path");
		for (String part : path) {
			at.add(part);
		}
		return error.put("message", message);
	}

}
