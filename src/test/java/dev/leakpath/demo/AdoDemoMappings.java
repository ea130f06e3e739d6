package dev.leakpath.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.demo.AdoDemoAlerts.AdoDemoAlert;
import dev.leakpath.demo.AdoDemoOrganization.Project;
import dev.leakpath.demo.AdoDemoOrganization.Repo;
import dev.leakpath.testsupport.AdoPayloads;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the fake Azure DevOps beside the fake GitHub: {@code mappings/ado-*.json} and {@code __files/ado/}. Projects,
 * repositories, files and alerts all answer on the same host, where the real API splits them between
 * {@code dev.azure.com} and {@code advsec.dev.azure.com}. Alert dates are relative to the day they are served
 * ({@link DemoDates}).
 */
final class AdoDemoMappings {

	private static final String CORE_API_VERSION = "7.1";
	private static final String ALERTS_API_VERSION = "7.2-preview.1";
	private static final int PAGE_SIZE = 50;
	static final int PRIORITY = 5;
	private static final String EMPTY_LIST_FILE = "ado/empty-list.json";
	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final WireMockTree tree;
	private final Random random;
	private final AdoDemoItems items;

	AdoDemoMappings(WireMockTree tree, Random random) {
		this.tree = tree;
		this.random = random;
		this.items = new AdoDemoItems(tree);
	}

	void write(Map<Repo, List<AdoDemoAlert>> alertsByRepo) {
		writeProjectsStub();
		for (Project project : AdoDemoOrganization.PROJECTS) {
			writeRepositoriesStub(project);
			for (Repo repo : project.repos()) {
				if (repo.disabled()) {
					writeDisabledRepositoryStub(project, repo);
				} else {
					writeAlertPages(project, repo, alertsByRepo.get(repo));
					alertsByRepo.get(repo).forEach(alert -> items.writeFilesAtCommits(project, repo, alert));
					items.writeCodeOwners(project, repo);
				}
			}
		}
		writeModifiedSinceStub();
		items.writeItemNotFound();
	}

	private void writeProjectsStub() {
		List<ObjectNode> projects = AdoDemoOrganization.PROJECTS.stream()
				.map(project -> AdoPayloads.project(AdoDemoOrganization.NAME, project.id(), project.name(),
						project.visibility()))
				.toList();
		tree.writeBody("ado/projects.json", AdoPayloads.list(projects));
		ObjectNode request = get("/" + AdoDemoOrganization.NAME + "/_apis/projects", CORE_API_VERSION);
		tree.writeMapping("ado-projects.json", PRIORITY, request, json(200, "ado/projects.json"));
	}

	private void writeRepositoriesStub(Project project) {
		List<ObjectNode> repositories = project.repos().stream()
				.map(repo -> AdoPayloads.repository(AdoDemoOrganization.NAME, project.ref(), repo.id(), repo.name(),
						repo.disabled(), AdoDemoOrganization.DEFAULT_BRANCH))
				.toList();
		String bodyFile = "ado/" + project.name() + "/repositories.json";
		tree.writeBody(bodyFile, AdoPayloads.list(repositories));
		ObjectNode request = get(projectPath(project) + "/_apis/git/repositories", CORE_API_VERSION);
		tree.writeMapping("ado-" + project.name() + "-repositories.json", PRIORITY, request, json(200, bodyFile));
	}

	// The first page has no continuationToken; each later one expects the token its predecessor sent in the header.
	private void writeAlertPages(Project project, Repo repo, List<AdoDemoAlert> alerts) {
		int lastPage = Math.max(1, (alerts.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		String token = null;
		for (int page = 1; page <= lastPage; page++) {
			List<ObjectNode> pageItems = alerts.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, alerts.size()))
					.stream()
					.map(alert -> DemoDates.relativeToToday(AdoPayloads.alert(alert.spec())))
					.toList();
			String name = project.name() + "/" + repo.name() + "/alerts-page-" + page + ".json";
			tree.writeBody("ado/" + name, AdoPayloads.list(pageItems));
			ObjectNode request = get(alertsPath(project, repo), ALERTS_API_VERSION);
			ObjectNode queryParameters = (ObjectNode) request.get("queryParameters");
			queryParameters.set("criteria.alertType", equalTo("secret"));
			queryParameters.set("criteria.confidenceLevels", equalTo("high,other"));
			queryParameters.set("top", equalTo(String.valueOf(PAGE_SIZE)));
			queryParameters.set("continuationToken",
					token == null ? JSON.objectNode().put("absent", true) : equalTo(token));
			ObjectNode response = json(200, "ado/" + name);
			response.putArray("transformers").add("response-template");
			if (page < lastPage) {
				token = continuationToken();
				((ObjectNode) response.get("headers")).put("x-ms-continuationtoken", token);
			}
			tree.writeMapping("ado-" + name.replace('/', '-'), PRIORITY, request, response);
		}
	}

	// Alerts of a disabled repository fail; a client that skips isDisabled never sees this.
	private void writeDisabledRepositoryStub(Project project, Repo repo) {
		String bodyFile = "ado/" + project.name() + "/" + repo.name() + "/alerts-disabled.json";
		tree.writeBody(bodyFile, AdoPayloads.error("The repository " + repo.name() + " (" + repo.id() + ") is disabled."
				+ " Advanced Security alerts are not available for a disabled repository.",
				"Microsoft.VisualStudio.Services.Common.VssServiceException, Microsoft.VisualStudio.Services.Common",
				"VssServiceException"));
		ObjectNode request = JSON.objectNode()
				.put("method", "GET")
				.put("urlPath", alertsPath(project, repo));
		tree.writeMapping("ado-" + project.name() + "-" + repo.name() + "-alerts-disabled.json", PRIORITY - 2, request,
				json(400, bodyFile));
	}

	// An incremental poll finds nothing new anywhere, so a second demo poll costs one request per repository.
	private void writeModifiedSinceStub() {
		tree.writeBody(EMPTY_LIST_FILE, AdoPayloads.list(List.of()));
		ObjectNode request = JSON.objectNode()
				.put("method", "GET")
				.put("urlPathPattern", "/" + AdoDemoOrganization.NAME + "/[^/]+/_apis/alert/repositories/[^/]+/alerts");
		request.putObject("queryParameters")
				.<ObjectNode>set("api-version", equalTo(ALERTS_API_VERSION))
				.set("criteria.modifiedSince", JSON.objectNode().put("matches", ".*"));
		tree.writeMapping("ado-alerts-modified-since.json", PRIORITY - 1, request, json(200, EMPTY_LIST_FILE));
	}

	// Random bytes in standard base64: the token carries '+', '/' and '=', so the client must URL-encode it.
	private String continuationToken() {
		String token;
		do {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			token = Base64.getEncoder().encodeToString(bytes);
		} while (!token.contains("+") || !token.contains("/"));
		return token;
	}

	private static String projectPath(Project project) {
		return "/" + AdoDemoOrganization.NAME + "/" + project.id();
	}

	private static String alertsPath(Project project, Repo repo) {
		return projectPath(project) + "/_apis/alert/repositories/" + repo.id() + "/alerts";
	}

	private static ObjectNode get(String path, String apiVersion) {
		ObjectNode request = JSON.objectNode().put("method", "GET").put("urlPath", path);
		request.putObject("queryParameters").set("api-version", equalTo(apiVersion));
		return request;
	}

	static ObjectNode equalTo(String value) {
		return JSON.objectNode().put("equalTo", value);
	}

	static ObjectNode json(int status, String bodyFileName) {
		ObjectNode response = JSON.objectNode().put("status", status).put("bodyFileName", bodyFileName);
		response.putObject("headers")
				.put("Content-Type", "application/json; charset=utf-8")
				.put("X-RateLimit-Limit", "200")
				.put("X-RateLimit-Remaining", "199")
				.put("X-RateLimit-Resource", "ATCPU");
		return response;
	}
}
