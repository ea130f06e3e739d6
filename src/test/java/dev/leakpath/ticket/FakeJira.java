package dev.leakpath.ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * A Jira site served by WireMock over real HTTP, holding its issues in memory: project {@code SEC} with issue
 * types Bug and Task, a workflow To Do → In Progress → Done → (Reopen) To Do. Cloud (REST API v3) or Data Center
 * (v2). Its answers are copies of the response examples of Atlassian's OpenAPI description
 * ({@code jira-platform-examples.json}: createIssue 201, getIssue 200, getTransitions 200,
 * searchAndReconsileIssuesUsingJqlPost 200, searchForIssuesUsingJqlPost 200) with its own ids, keys and statuses
 * put in; statuses and their categories ({@code new}, {@code indeterminate}, {@code done}) are shaped as real Jira
 * answers them (the OpenAPI examples show made-up category keys). Errors use Jira's ErrorCollection
 * ({@code errorMessages} and {@code errors} by field, as the createIssue 400 example). Like Jira it refuses: a wrong
 * credential (401), an unknown project, issue type or field, a missing summary, a v3 description that is not valid
 * Atlassian Document Format or a v2 one that is not text (400), an unbounded or unknown JQL query (400), the classic
 * {@code /rest/api/3/search} Cloud has removed (410), an unknown issue (404) and a transition not available from
 * the issue's status (400).
 */
final class FakeJira {

	static final String NAME = "fake-jira";

	static final String PROJECT = "SEC";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNode EXAMPLES = read("jira-platform-examples.json");

	private static final JsonSchema ADF = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
		.getSchema(read("adf-schema-v1-full.json"));

	private static final Pattern JQL = Pattern.compile("project = \"([^\"]+)\" AND labels = \"([^\"]+)\"");

	private static final List<String> FIELDS = List.of("project", "issuetype", "summary", "description", "labels",
			"priority", "customfield_10042");

	private final WireMockServer server;

	private final Transformer transformer = new Transformer();

	private final String version;

	private final String authorization;

	private final Map<String, ObjectNode> issues = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger(1);

	private final AtomicBoolean loseNextCreateAnswer = new AtomicBoolean();

	private volatile int createDelayMillis;

	/** @param version {@code 3} (Cloud) or {@code 2} (Data Center) */
	FakeJira(String version, String authorization) {
		this.version = version;
		this.authorization = authorization;
		this.server = new WireMockServer(WireMockConfiguration.options()
			.dynamicPort()
			.bindAddress("127.0.0.1")
			.extensions(transformer)
			.notifier(new Slf4jNotifier(false)));
		server.start();
		serve();
	}

	String baseUrl() {
		return server.baseUrl();
	}

	WireMockServer server() {
		return server;
	}

	void reset() {
		server.resetAll();
		issues.clear();
		next.set(1);
		loseNextCreateAnswer.set(false);
		createDelayMillis = 0;
		serve();
	}

	/** The next create is carried out, but its answer is lost: the connection is reset. */
	void loseNextCreateAnswer() {
		loseNextCreateAnswer.set(true);
	}

	/** Creates are carried out at once and answered after {@code millis}. */
	void delayCreateAnswers(int millis) {
		createDelayMillis = millis;
	}

	/** A copy of each issue, by key. */
	Map<String, ObjectNode> issues() {
		Map<String, ObjectNode> copy = new java.util.TreeMap<>();
		issues.forEach((key, issue) -> copy.put(key, issue.deepCopy()));
		return copy;
	}

	String statusOf(String key) {
		return issues.get(key).path("fields").path("status").path("name").asText();
	}

	/** Every request body it received, in order. */
	List<String> requestBodies() {
		List<String> bodies = new ArrayList<>();
		server.getAllServeEvents().forEach(event -> bodies.add(event.getRequest().getBodyAsString()));
		return bodies;
	}

	long requests(String method, String pathPattern) {
		return server.getAllServeEvents().stream()
			.filter(event -> event.getRequest().getMethod().getName().equals(method)
					&& event.getRequest().getUrl().split("\\?")[0].matches(pathPattern))
			.count();
	}

	private void serve() {
		server.stubFor(any(urlPathMatching("/rest/api/.*")).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
	}

	private final class Transformer implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Request request = event.getRequest();
			if (!authorization.equals(request.getHeader("Authorization"))) {
				return error(401, "You are not authenticated. Authentication required to perform this operation.", Map.of());
			}
			String path = request.getUrl().split("\\?")[0];
			String method = request.getMethod().getName();
			String api = "/rest/api/" + version;
			if (!path.startsWith(api + "/")) {
				return aResponse().withStatus(404).build();
			}
			String resource = path.substring(api.length());
			try {
				if (method.equals("POST") && resource.equals("/issue")) {
					return create(JSON.readTree(request.getBodyAsString()));
				}
				if (method.equals("POST") && resource.equals("/search/jql")) {
					return version.equals("3") ? search(JSON.readTree(request.getBodyAsString())) : notFound();
				}
				if (method.equals("POST") && resource.equals("/search")) {
					// Cloud removed the classic search (CHANGE-2046): it answers 410
					return version.equals("2") ? search(JSON.readTree(request.getBodyAsString()))
							: error(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.", Map.of());
				}
				Matcher transitions = Pattern.compile("/issue/([A-Z]+-\\d+)/transitions").matcher(resource);
				if (transitions.matches()) {
					ObjectNode issue = issues.get(transitions.group(1));
					if (issue == null) {
						return notFound();
					}
					return method.equals("GET") ? transitions(issue)
							: transition(issue, JSON.readTree(request.getBodyAsString()));
				}
				Matcher get = Pattern.compile("/issue/([A-Z]+-\\d+)").matcher(resource);
				if (get.matches() && method.equals("GET")) {
					ObjectNode issue = issues.get(get.group(1));
					return issue == null ? notFound() : json(200, issueBean(EXAMPLES.get("getIssue.200"), issue));
				}
			}
			catch (IOException ex) {
				return error(400, "Unexpected character in the request body.", Map.of());
			}
			return aResponse().withStatus(404).build();
		}

		private ResponseDefinition create(JsonNode body) {
			JsonNode fields = body.path("fields");
			Map<String, String> errors = new java.util.LinkedHashMap<>();
			fields.fieldNames().forEachRemaining(field -> {
				if (!FIELDS.contains(field)) {
					errors.put(field, "Field '" + field + "' cannot be set. It is not on the appropriate screen, or unknown.");
				}
			});
			if (!PROJECT.equals(fields.path("project").path("key").asText())) {
				errors.put("project", "valid project is required");
			}
			if (!List.of("Bug", "Task").contains(fields.path("issuetype").path("name").asText())) {
				errors.put("issuetype", "Specify a valid issue type");
			}
			if (fields.path("summary").asText("").isBlank()) {
				errors.put("summary", "You must specify a summary of the issue.");
			}
			JsonNode description = fields.path("description");
			if (version.equals("3") && !description.isMissingNode() && !ADF.validate(description).isEmpty()) {
				errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
			}
			if (version.equals("2") && !description.isMissingNode() && !description.isTextual()) {
				errors.put("description", "Operation value must be a string");
			}
			for (JsonNode label : fields.path("labels")) {
				if (!label.isTextual() || label.asText().contains(" ")) {
					errors.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
				}
			}
			if (!errors.isEmpty()) {
				return error(400, null, errors);
			}
			int number = next.getAndIncrement();
			String key = PROJECT + "-" + number;
			ObjectNode issue = JsonNodeFactory.instance.objectNode();
			issue.put("id", String.valueOf(10000 + number));
			issue.put("key", key);
			ObjectNode stored = fields.deepCopy();
			stored.set("status", status("To Do"));
			issue.set("fields", stored);
			issues.put(key, issue);
			if (loseNextCreateAnswer.compareAndSet(true, false)) {
				return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
			}
			ObjectNode created = (ObjectNode) EXAMPLES.get("createIssue.201").deepCopy();
			created.put("id", issue.get("id").asText());
			created.put("key", key);
			created.put("self", server.baseUrl() + "/rest/api/" + version + "/issue/" + issue.get("id").asText());
			// the example shows the answer to a create that asked for a transition too; this one did not
			created.remove("transition");
			return aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(created.toString())
				.withFixedDelay(createDelayMillis)
				.build();
		}

		private ResponseDefinition search(JsonNode body) {
			Matcher jql = JQL.matcher(body.path("jql").asText());
			if (!jql.matches()) {
				return error(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.", Map.of());
			}
			ArrayNode found = JsonNodeFactory.instance.arrayNode();
			issues.values().stream()
				.filter(issue -> issue.path("fields").path("project").path("key").asText().equals(jql.group(1)))
				.filter(issue -> contains(issue.path("fields").path("labels"), jql.group(2)))
				.limit(Math.max(1, body.path("maxResults").asInt(50)))
				.forEach(issue -> found.add(issueBean(JsonNodeFactory.instance.objectNode().put("expand", ""), issue)));
			ObjectNode answer;
			if (version.equals("3")) {
				answer = (ObjectNode) EXAMPLES.get("searchAndReconsileIssuesUsingJqlPost.200").deepCopy();
			}
			else {
				answer = (ObjectNode) EXAMPLES.get("searchForIssuesUsingJqlPost.200").deepCopy();
				answer.put("startAt", 0);
				answer.put("maxResults", body.path("maxResults").asInt(50));
				answer.put("total", found.size());
			}
			answer.set("issues", found);
			return json(200, answer);
		}

		private ResponseDefinition transitions(ObjectNode issue) {
			JsonNode example = EXAMPLES.get("getTransitions.200").path("transitions").get(0);
			ArrayNode transitions = JsonNodeFactory.instance.arrayNode();
			available(issue).forEach((id, to) -> {
				ObjectNode transition = JsonNodeFactory.instance.objectNode();
				transition.put("id", id);
				transition.put("name", to[0]);
				transition.set("to", status(to[1]));
				transition.put("hasScreen", false);
				transition.put("isGlobal", example.path("isGlobal").asBoolean());
				transition.put("isInitial", false);
				transition.put("isAvailable", true);
				transition.put("isConditional", false);
				transitions.add(transition);
			});
			return json(200, JsonNodeFactory.instance.objectNode().set("transitions", transitions));
		}

		private ResponseDefinition transition(ObjectNode issue, JsonNode body) {
			String id = body.path("transition").path("id").asText();
			String[] to = available(issue).get(id);
			if (to == null) {
				return error(400, "Transition id '" + id + "' is not valid for this issue.", Map.of());
			}
			((ObjectNode) issue.get("fields")).set("status", status(to[1]));
			return aResponse().withStatus(204).build();
		}

		/** Transition id to {name, target status}, as the issue's status allows; in Jira's order. */
		private Map<String, String[]> available(ObjectNode issue) {
			return switch (issue.path("fields").path("status").path("name").asText()) {
				case "To Do" -> linked("11", "Start progress", "In Progress", "31", "Done", "Done");
				case "In Progress" -> linked("21", "Stop progress", "To Do", "31", "Done", "Done");
				default -> linked("41", "Reopen", "To Do", null, null, null);
			};
		}

		private Map<String, String[]> linked(String id1, String name1, String to1, String id2, String name2, String to2) {
			Map<String, String[]> map = new java.util.LinkedHashMap<>();
			map.put(id1, new String[] { name1, to1 });
			if (id2 != null) {
				map.put(id2, new String[] { name2, to2 });
			}
			return map;
		}

		/** The getIssue example, or a search's issue, with this issue's id, key, self and (asked for) status. */
		private ObjectNode issueBean(JsonNode template, ObjectNode issue) {
			ObjectNode bean = (ObjectNode) template.deepCopy();
			bean.put("id", issue.get("id").asText());
			bean.put("key", issue.get("key").asText());
			bean.put("self", server.baseUrl() + "/rest/api/" + version + "/issue/" + issue.get("id").asText());
			bean.set("fields", JsonNodeFactory.instance.objectNode().set("status", issue.path("fields").get("status")));
			return bean;
		}

		private ObjectNode status(String name) {
			String[] category = switch (name) {
				case "To Do" -> new String[] { "10000", "2", "new", "blue-gray" };
				case "In Progress" -> new String[] { "3", "4", "indeterminate", "yellow" };
				default -> new String[] { "10001", "3", "done", "green" };
			};
			ObjectNode status = JsonNodeFactory.instance.objectNode();
			status.put("self", server.baseUrl() + "/rest/api/" + version + "/status/" + category[0]);
			status.put("description", "");
			status.put("iconUrl", server.baseUrl() + "/images/icons/statuses/generic.png");
			status.put("name", name);
			status.put("id", category[0]);
			ObjectNode statusCategory = status.putObject("statusCategory");
			statusCategory.put("self", server.baseUrl() + "/rest/api/" + version + "/statuscategory/" + category[1]);
			statusCategory.put("id", Integer.parseInt(category[1]));
			statusCategory.put("key", category[2]);
			statusCategory.put("colorName", category[3]);
			statusCategory.put("name", name.equals("In Progress") ? "In Progress" : name);
			return status;
		}

		private ResponseDefinition notFound() {
			return error(404, "Issue does not exist or you do not have permission to see it.", Map.of());
		}

		private ResponseDefinition error(int status, String message, Map<String, String> errors) {
			ObjectNode body = JsonNodeFactory.instance.objectNode();
			ArrayNode messages = body.putArray("errorMessages");
			if (message != null) {
				messages.add(message);
			}
			ObjectNode byField = body.putObject("errors");
			errors.forEach(byField::put);
			return json(status, body);
		}

		private ResponseDefinition json(int status, JsonNode body) {
			return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString())
				.build();
		}

		private boolean contains(JsonNode array, String value) {
			for (JsonNode item : array) {
				if (item.asText().equals(value)) {
					return true;
				}
			}
			return false;
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

	private static JsonNode read(String name) {
		try (InputStream in = FakeJira.class.getResourceAsStream(name)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
