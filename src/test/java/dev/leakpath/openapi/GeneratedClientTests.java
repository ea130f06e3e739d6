package dev.leakpath.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.client.ApiClient;
import dev.leakpath.client.ApiException;
import dev.leakpath.client.api.AlertsApi;
import dev.leakpath.client.api.AssetsApi;
import dev.leakpath.client.api.AttackPathsApi;
import dev.leakpath.client.api.AuditApi;
import dev.leakpath.client.api.ExplorerApi;
import dev.leakpath.client.api.NotificationsApi;
import dev.leakpath.client.api.RecommendationsApi;
import dev.leakpath.client.api.RemediationApi;
import dev.leakpath.client.api.RepositoriesApi;
import dev.leakpath.client.api.SecretTypesApi;
import dev.leakpath.client.api.SecretsApi;
import dev.leakpath.client.api.SessionApi;
import dev.leakpath.client.api.SuppressionApi;
import dev.leakpath.client.api.SyncApi;
import dev.leakpath.client.api.TicketsApi;
import dev.leakpath.client.api.TriageApi;
import dev.leakpath.client.api.WebhooksApi;
import dev.leakpath.client.model.AlertView;
import dev.leakpath.client.model.AttackPathView;
import dev.leakpath.client.model.ExplorerTemplate;
import dev.leakpath.client.model.SaveRequest;
import dev.leakpath.client.model.SavedQuery;
import dev.leakpath.client.model.TriageCommandView;
import dev.leakpath.client.model.TriageRequestOneAlert;
import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Java client openapi-generator makes from the committed document (which {@link OpenApiContractTests} proves
 * is the served one) reads every read endpoint and runs every explorer template against the demo, with strict
 * Jackson: a property the document does not declare fails the call. Each answer also validates against the
 * operation's response schema in the document (JSON Schema 2020-12, a validator nobody here wrote), which checks
 * what a Java client cannot: that no property the document calls required is missing or null.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.sync.schedule=false", "leakpath.github.token=",
		"leakpath.github.organizations=", "leakpath.notifications.enabled=false",
		"leakpath.fingerprint-key=client-test-fingerprint-key-0123456789abcdef",
		"leakpath.api.tokens=" + GeneratedClientTests.TOKEN,
		// its triage is taken in only: this context's worker would also take the triage tests' items (and another
		// context's takes this one's: the triage below is one no worker carries out)
		"leakpath.triage.worker.enabled=false" })
class GeneratedClientTests {

	static final String TOKEN = "client-tests-admin-token";

	private static final String DOCUMENT = "https://leakpath.invalid/openapi.json";

	private static final TestPostgres postgres = TestPostgres.get();

	private final ObjectMapper strict = ApiClient.createDefaultObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Set<String> called = new TreeSet<>();

	@Autowired
	private SyncService sync;

	@LocalServerPort
	private int port;

	private JsonNode document;

	private JsonSchemaFactory schemas;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	/** Before the application starts, so that the demo inventory it loads on start stays. */
	@BeforeAll
	static void emptyDatabase() {
		postgres.truncateAll();
	}

	@Test
	void everyReadEndpointAndEveryExplorerTemplateRoundTripThroughTheGeneratedClient() throws Exception {
		sync.run("test").block();
		// the inventory is read on start, perhaps after the poll stored the secrets: paths open once both are in
		await().atMost(Duration.ofSeconds(30))
			// the demo's fake AWS account and GCP project are read on start too, on their own time; the AWS users'
			// access, written with the account, changes the risk of the paths through them: read after it
			.until(() -> postgres.count(
					"select count(*) from asset where source not like 'aws:%' and source not like 'gcp:%'") == 6
					&& postgres.count("select count(*) from identity where source like 'aws:%'") > 0
					&& postgres.count("select count(*) from asset where source like 'gcp:%'") > 0
					&& postgres.count("select count(*) from graph_recompute where requested > completed") == 0
					&& postgres.count("select count(*) from attack_path where status = 'open' and target_key <> ''") > 0);
		document = strict.readTree(OpenApiContractTests.SNAPSHOT.toFile());
		schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
				builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, document.toString()))));
		ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)), strict,
				"http://127.0.0.1:" + port);
		client.setReadTimeout(Duration.ofSeconds(30));
		client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TOKEN));

		AlertsApi alerts = new AlertsApi(client);
		List<AlertView> newest = read("listAlerts", "/api/v1/alerts?limit=500",
				() -> alerts.listAlerts(null, null, null, null, null, null, null, null, 500, null)).getItems();
		assertThat(newest).hasSize(371);
		read("listAlerts", "/api/v1/alerts?sort=risk&limit=50&provider=azure_devops",
				() -> alerts.listAlerts("azure_devops", null, null, null, null, null, null, "risk", 50, null));
		for (AlertView alert : List.of(newest.get(0), newest.get(newest.size() - 1), withTarget(newest))) {
			read("getAlert", "/api/v1/alerts/" + alert.getId(), () -> alerts.getAlert(alert.getId()));
		}
		read("summarizeAlerts", "/api/v1/alerts/summary?days=60", () -> alerts.summarizeAlerts(60));
		Object sarif = call("exportAlerts", () -> alerts.exportAlerts("sarif", null, null, null, "open", null, null, null));
		assertThat(strict.valueToTree(sarif).path("version").asText()).isEqualTo("2.1.0");

		read("listSecretTypes", "/api/v1/secret-types", () -> new SecretTypesApi(client).listSecretTypes());
		RepositoriesApi repositories = new RepositoriesApi(client);
		read("listRepositories", "/api/v1/repositories?limit=100",
				() -> repositories.listRepositories(null, null, null, null, 100, null));
		read("listRepositories", "/api/v1/repositories?sort=risk&limit=100",
				() -> repositories.listRepositories(null, null, null, "risk", 100, null));
		SecretsApi secrets = new SecretsApi(client);
		for (String sort : List.of("newest", "risk", "pathsClosed")) {
			read("listSecrets", "/api/v1/secrets?limit=500&sort=" + sort,
					() -> secrets.listSecrets(null, null, null, sort, 500, null));
		}
		read("listAssets", "/api/v1/assets", () -> new AssetsApi(client).listAssets(null, null, null, null));
		read("listRecommendations", "/api/v1/recommendations?limit=500",
				() -> new RecommendationsApi(client).listRecommendations(null, null, 500));

		AttackPathsApi attackPaths = new AttackPathsApi(client);
		List<AttackPathView> paths = read("listAttackPaths", "/api/v1/attack-paths?status=all&limit=500",
				() -> attackPaths.listAttackPaths("all", null, null, null, null, null, 500, null)).getItems();
		assertThat(paths).isNotEmpty().anyMatch(path -> path.getTarget() == null)
			.anyMatch(path -> path.getTarget() != null);
		read("listAttackPaths", "/api/v1/attack-paths?sort=risk&limit=20",
				() -> attackPaths.listAttackPaths(null, null, null, null, null, "risk", 20, null));
		for (AttackPathView path : List.of(paths.get(0), paths.stream().filter(p -> p.getTarget() == null).findFirst().orElseThrow())) {
			read("getAttackPath", "/api/v1/attack-paths/" + path.getId(), () -> attackPaths.getAttackPath(path.getId()));
		}
		read("exportAttackPaths", "/api/v1/attack-paths/export?status=all",
				() -> attackPaths.exportAttackPaths(null, "all", null, null, null, null));
		read("listTargets", "/api/v1/targets?limit=500", () -> attackPaths.listTargets(null, null, 500, null));
		read("getHeadline", "/api/v1/headline", attackPaths::getHeadline);

		ExplorerApi explorer = new ExplorerApi(client);
		List<ExplorerTemplate> templates = read("listExplorerTemplates", "/api/v1/explorer/templates",
				explorer::listExplorerTemplates).getItems();
		assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
		for (ExplorerTemplate template : templates) {
			JsonNode query = strict.valueToTree(template.getQuery());
			JsonNode result = post("runExplorerQuery", "/api/v1/explorer/query", query,
					() -> explorer.runExplorerQuery(template.getQuery()));
			assertThat(result.path("items")).as(template.getId()).isNotEmpty();
		}
		SavedQuery saved = call("saveExplorerQuery", () -> explorer.saveExplorerQuery(
				new SaveRequest().name("client test").query(templates.get(0).getQuery())));
		read("listSavedExplorerQueries", "/api/v1/explorer/saved", explorer::listSavedExplorerQueries);
		read("getSavedExplorerQuery", "/api/v1/explorer/saved/" + saved.getId(),
				() -> explorer.getSavedExplorerQuery(saved.getId()));

		RemediationApi remediation = new RemediationApi(client);
		for (String by : List.of("provider", "organization", "repository", "secretType", "risk")) {
			read("getRemediation", "/api/v1/remediation?by=" + by, () -> remediation.getRemediation(by, null, null));
		}
		read("getRemediationWeeks", "/api/v1/remediation/weeks", () -> remediation.getRemediationWeeks(null));
		read("listTickets", "/api/v1/tickets", () -> new TicketsApi(client).listTickets(null, null, null, null, null));
		read("listTicketRules", "/api/v1/tickets/rules", new TicketsApi(client)::listTicketRules);
		read("listSuppressionRules", "/api/v1/suppression/rules", new SuppressionApi(client)::listSuppressionRules);

		read("getSyncStatus", "/api/v1/sync", new SyncApi(client)::getSyncStatus);
		read("listWebhookDeliveries", "/api/v1/webhooks/deliveries",
				() -> new WebhooksApi(client).listWebhookDeliveries(null, null, null, null));
		NotificationsApi notifications = new NotificationsApi(client);
		read("listNotifications", "/api/v1/notifications", () -> notifications.listNotifications(null, null, null, null));
		read("listNotificationRules", "/api/v1/notifications/rules", notifications::listNotificationRules);
		TriageApi triage = new TriageApi(client);
		// an Azure DevOps assignment is kept by leakpath, done as it is stored: a triage worker of another test
		// class's context, which takes every pending item, cannot change it between the client's read and the raw one
		long azureDevOpsAlert = newest.stream().filter(alert -> "azure_devops".equals(alert.getProvider())).findFirst()
			.orElseThrow().getId();
		TriageCommandView command = call("triageAlert", () -> triage.triageAlert(azureDevOpsAlert,
				new TriageRequestOneAlert().action("assign").assignee("client-test")));
		read("getTriageCommand", "/api/v1/triage/" + command.getId(),
				() -> triage.getTriageCommand(command.getId(), null, null, null));
		// the saved query and the triage above are admin actions, the triage with a change record
		read("listAuditEvents", "/api/v1/audit", () -> new AuditApi(client).listAuditEvents(null, null, null, null));
		SessionApi session = new SessionApi(client);
		read("getCaller", "/api/v1/me", session::getCaller);
		read("getSignInOptions", "/auth/options", session::getSignInOptions);

		assertThat(called).isEqualTo(readOperations());
	}

	private AlertView withTarget(List<AlertView> alerts) {
		return alerts.stream().filter(alert -> alert.getTarget() != null && alert.getSecret() != null).findFirst()
			.orElseThrow();
	}

	/**
	 * Every GET of the document, the explorer query (a read sent as POST), and the changes made to have something
	 * to read (a saved query, a triage command).
	 */
	private Set<String> readOperations() {
		Set<String> reads = new TreeSet<>(Set.of("runExplorerQuery", "saveExplorerQuery", "triageAlert"));
		document.path("paths").forEach(path -> {
			if (path.has("get")) {
				reads.add(path.path("get").path("operationId").asText());
			}
		});
		return reads;
	}

	/**
	 * Calls {@code operation} through the client, reads the same path itself, and checks that the raw answer
	 * validates against the operation's schema and that the client's typed answer holds all of it.
	 */
	private <T> T read(String operationId, String uri, ClientCall<T> call) throws IOException, InterruptedException {
		T typed = call(operationId, call);
		HttpResponse<String> raw = http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(raw.statusCode()).as(uri).isEqualTo(200);
		check(operationId, uri, "get", strict.readTree(raw.body()), typed);
		return typed;
	}

	private <T> JsonNode post(String operationId, String uri, JsonNode body, ClientCall<T> call)
			throws IOException, InterruptedException {
		T typed = call(operationId, call);
		HttpResponse<String> raw = http.send(request(uri).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(raw.statusCode()).as(uri).isEqualTo(200);
		JsonNode answer = strict.readTree(raw.body());
		check(operationId, uri, "post", answer, typed);
		return answer;
	}

	private <T> T call(String operationId, ClientCall<T> call) {
		called.add(operationId);
		try {
			return call.call();
		}
		catch (ApiException ex) {
			throw new AssertionError(operationId + " through the generated client: " + ex.getMessage(), ex);
		}
	}

	private void check(String operationId, String uri, String method, JsonNode answer, Object typed) {
		String path = URI.create("http://host" + uri).getPath();
		JsonNode operation = operation(path, method);
		assertThat(operation.path("operationId").asText()).as(uri).isEqualTo(operationId);
		String pointer = "/paths/" + escape(documentPath(path)) + "/" + method + "/responses/200/content/application~1json/schema";
		Set<String> problems = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer)).validate(answer).stream()
			.map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new));
		assertThat(problems).as(uri + " against its schema").isEmpty();
		assertThat(JsonDifferences.between(withoutNulls(answer), withoutNulls(strict.valueToTree(typed))))
			.as(uri + ": what the generated client holds differs from the answer at").isEmpty();
	}

	private JsonNode operation(String path, String method) {
		return document.path("paths").path(documentPath(path)).path(method);
	}

	/** The document's path that {@code path} matches: {@code /api/v1/alerts/12} is {@code /api/v1/alerts/{id}}. */
	private String documentPath(String path) {
		Iterator<String> paths = document.path("paths").fieldNames();
		while (paths.hasNext()) {
			String candidate = paths.next();
			if (path.matches(candidate.replaceAll("\\{[^}]+}", "[^/]+"))) {
				return candidate;
			}
		}
		throw new AssertionError("no path of the document matches " + path);
	}

	private static String escape(String path) {
		return path.replace("~", "~0").replace("/", "~1");
	}

	/** The client leaves out what is null; what is there must be the same. */
	private static JsonNode withoutNulls(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = ((ObjectNode) node).objectNode();
			node.properties().forEach(field -> {
				if (!field.getValue().isNull()) {
					copy.set(field.getKey(), withoutNulls(field.getValue()));
				}
			});
			return copy;
		}
		if (node.isArray()) {
			List<JsonNode> items = new ArrayList<>();
			node.forEach(item -> items.add(withoutNulls(item)));
			return JsonNodeFactory.instance.arrayNode().addAll(items);
		}
		return node;
	}

	private HttpRequest.Builder request(String uri) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Accept", "application/json");
	}

	@FunctionalInterface
	private interface ClientCall<T> {

		T call() throws ApiException;

	}

}
