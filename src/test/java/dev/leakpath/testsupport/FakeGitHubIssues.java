package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;

/**
 * GitHub Issues of the fake GitHub's repositories, held in memory: {@code POST /repos/{owner}/{repo}/issues}
 * (issues/create), {@code GET} of the same path (issues/list-for-repo: {@code labels}, {@code state},
 * {@code since}, {@code per_page}, {@code page}, newest first, {@code link} to the next page) and
 * {@code PATCH .../issues/{number}} (issues/update). Request bodies are checked against the request schemas of
 * GitHub's REST description ({@code @octokit/openapi}) with a validator nobody here wrote, and a wrong one is a 422
 * shaped as {@code validation-error}; answers are the description's {@code issue} example with this issue's
 * number, title, body, state, labels and times put in (and no {@code pull_request}, which marks pull requests).
 */
public final class FakeGitHubIssues implements ResponseDefinitionTransformerV2 {

	public static final String NAME = "github-issues";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+)/([^/]+)/issues(?:/(\\d+))?");

	private final Map<String, List<ObjectNode>> repositories = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger(1);

	private final AtomicBoolean loseNextCreateAnswer = new AtomicBoolean();

	private volatile String baseUrl;

	private volatile JsonSchema create;

	private volatile JsonSchema update;

	void baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	void clear() {
		repositories.clear();
		next.set(1);
		loseNextCreateAnswer.set(false);
	}

	/** The next create is carried out, but its answer is lost: the connection is reset. */
	public void loseNextCreateAnswer() {
		loseNextCreateAnswer.set(true);
	}

	/** Copies of a repository's issues, oldest first. */
	public List<ObjectNode> issues(String fullName) {
		List<ObjectNode> copies = new ArrayList<>();
		repositories.getOrDefault(fullName, List.of()).forEach(issue -> copies.add(issue.deepCopy()));
		return copies;
	}

	@Override
	public synchronized ResponseDefinition transform(ServeEvent event) {
		Request request = event.getRequest();
		Matcher path = ISSUES.matcher(request.getUrl().split("\\?")[0]);
		if (!path.matches()) {
			return FakeGitHub.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}").build();
		}
		String repository = path.group(1) + "/" + path.group(2);
		List<ObjectNode> issues = repositories.computeIfAbsent(repository, name -> new ArrayList<>());
		String method = request.getMethod().getName();
		try {
			if (path.group(3) == null && method.equals("POST")) {
				return create(repository, issues, JSON.readTree(request.getBodyAsString()));
			}
			if (path.group(3) == null && method.equals("GET")) {
				return list(repository, issues, request);
			}
			if (path.group(3) != null && method.equals("PATCH")) {
				int number = Integer.parseInt(path.group(3));
				ObjectNode issue = issues.stream().filter(one -> one.get("number").asInt() == number).findFirst().orElse(null);
				if (issue == null) {
					return FakeGitHub.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/issues/issues#update-an-issue\",\"status\":\"404\"}").build();
				}
				return update(issue, JSON.readTree(request.getBodyAsString()));
			}
		}
		catch (java.io.IOException ex) {
			return FakeGitHub.json(400, "{\"message\":\"Problems parsing JSON\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"400\"}").build();
		}
		return FakeGitHub.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}").build();
	}

	private ResponseDefinition create(String repository, List<ObjectNode> issues, JsonNode body) {
		String invalid = invalid(createSchema(), body, "create-an-issue");
		if (invalid != null) {
			return FakeGitHub.json(422, invalid).build();
		}
		int number = next.getAndIncrement();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ObjectNode issue = (ObjectNode) OctokitDescriptions.restExample("issue");
		issue.remove("pull_request");
		issue.put("id", 1_000_000L + number);
		issue.put("number", number);
		issue.put("title", body.path("title").asText());
		issue.put("body", body.path("body").asText(null));
		issue.put("url", baseUrl + "/repos/" + repository + "/issues/" + number);
		issue.put("repository_url", baseUrl + "/repos/" + repository);
		issue.put("html_url", "https://github.com/" + repository + "/issues/" + number);
		issue.put("state", "open");
		issue.putNull("state_reason");
		issue.putNull("closed_at");
		issue.putNull("closed_by");
		issue.put("created_at", now.toString());
		issue.put("updated_at", now.toString());
		ArrayNode labels = issue.putArray("labels");
		JsonNode labelExample = OctokitDescriptions.restExample("issue").path("labels").get(0);
		for (JsonNode name : body.path("labels")) {
			ObjectNode label = labelExample.deepCopy();
			label.put("name", name.asText());
			label.put("url", baseUrl + "/repos/" + repository + "/labels/" + name.asText());
			label.put("default", false);
			labels.add(label);
		}
		issues.add(issue);
		if (loseNextCreateAnswer.compareAndSet(true, false)) {
			return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
		}
		return FakeGitHub.json(201, issue.toString()).withHeader("Location", issue.get("url").asText()).build();
	}

	private ResponseDefinition update(ObjectNode issue, JsonNode body) {
		String invalid = invalid(updateSchema(), body, "update-an-issue");
		if (invalid != null) {
			return FakeGitHub.json(422, invalid).build();
		}
		String state = body.path("state").asText(null);
		if (state != null && !state.equals(issue.get("state").asText())) {
			// state_reason is "ignored unless state is changed"
			issue.put("state", state);
			issue.put("state_reason", body.path("state_reason").asText(state.equals("open") ? "reopened" : "completed"));
			if (state.equals("closed")) {
				issue.put("closed_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
			}
			else {
				issue.putNull("closed_at");
			}
			issue.put("updated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		}
		return FakeGitHub.json(200, issue.toString()).build();
	}

	private ResponseDefinition list(String repository, List<ObjectNode> issues, Request request) {
		List<String> labels = parameter(request, "labels") == null ? List.of()
				: Arrays.asList(parameter(request, "labels").split(","));
		String state = parameter(request, "state") == null ? "open" : parameter(request, "state");
		Instant since = parameter(request, "since") == null ? Instant.EPOCH : Instant.parse(parameter(request, "since"));
		int perPage = parameter(request, "per_page") == null ? 30 : Integer.parseInt(parameter(request, "per_page"));
		int page = parameter(request, "page") == null ? 1 : Integer.parseInt(parameter(request, "page"));
		List<ObjectNode> listed = issues.stream()
			.filter(issue -> state.equals("all") || issue.get("state").asText().equals(state))
			.filter(issue -> !Instant.parse(issue.get("updated_at").asText()).isBefore(since))
			.filter(issue -> labels.stream().allMatch(label -> hasLabel(issue, label)))
			.sorted(Comparator.comparing((ObjectNode issue) -> issue.get("number").asInt()).reversed())
			.toList();
		ArrayNode body = JsonNodeFactory.instance.arrayNode();
		listed.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(body::add);
		var response = FakeGitHub.json(200, body.toString());
		if ((long) page * perPage < listed.size()) {
			String query = request.getUrl().split("\\?", 2)[1].replaceAll("&?page=\\d+", "");
			response = response.withHeader("link", "<" + baseUrl + "/repos/" + repository + "/issues?" + query + "&page="
					+ (page + 1) + ">; rel=\"next\"");
		}
		return response.build();
	}

	private static boolean hasLabel(ObjectNode issue, String name) {
		for (JsonNode label : issue.path("labels")) {
			if (label.path("name").asText().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static String parameter(Request request, String name) {
		QueryParameter parameter = request.queryParameter(name);
		return parameter.isPresent() ? parameter.firstValue() : null;
	}

	private static String invalid(JsonSchema schema, JsonNode body, String operation) {
		var problems = schema.validate(body);
		if (problems.isEmpty()) {
			return null;
		}
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("message", "Invalid request.\n\n" + problems.iterator().next().getMessage());
		error.put("documentation_url", "https://docs.github.com/rest/issues/issues#" + operation);
		error.put("status", "422");
		return error.toString();
	}

	private JsonSchema createSchema() {
		if (create == null) {
			create = schema("/repos/{owner}/{repo}/issues", "post");
		}
		return create;
	}

	private JsonSchema updateSchema() {
		if (update == null) {
			update = schema("/repos/{owner}/{repo}/issues/{issue_number}", "patch");
		}
		return update;
	}

	private static JsonSchema schema(String path, String method) {
		JsonNode schema = OctokitDescriptions.rest().path("paths").path(path).path(method).path("requestBody")
			.path("content").path("application/json").path("schema");
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
				builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
		return factory.getSchema(schema);
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
