package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * An Azure DevOps organisation served by WireMock: two projects (one public), three repositories (one
 * disabled), and secret alerts made on demand, answering the requests leakpath's connector sends.
 */
public final class FakeAzureDevOps {

	public static final String ORG = "contoso";

	public static final AdoPayloads.ProjectRef PAYMENTS = new AdoPayloads.ProjectRef(
			"e8babdea-25de-476c-9035-22e929d2e898", "Payments", "private");

	public static final AdoPayloads.ProjectRef TOOLS = new AdoPayloads.ProjectRef(
			"11b58538-4179-4a47-905d-9b32e0cf7cc6", "OpenTools", "public");

	public static final String API_REPOSITORY = "34d687ed-f0f3-41f7-ba3f-cdbda9f41ce2";

	public static final String LEGACY_REPOSITORY = "c8be61c2-8d23-4059-896e-43d78de06281";

	public static final String CLI_REPOSITORY = "f43073bc-d4e0-423c-94bc-28c1b3c869c8";

	private final WireMockServer server;

	private final FakeSecrets hashes = new FakeSecrets(11);

	public FakeAzureDevOps(WireMockServer server) {
		this.server = server;
	}

	/** Serves the projects and repositories. */
	public void organization() {
		server.stubFor(get(urlPathEqualTo("/" + ORG + "/_apis/projects")).withQueryParam("api-version", equalTo("7.1"))
			.willReturn(json(AdoPayloads.list(List.of(AdoPayloads.project(ORG, PAYMENTS.id(), PAYMENTS.name(), "private"),
					AdoPayloads.project(ORG, TOOLS.id(), TOOLS.name(), "public"))))));
		server.stubFor(get(urlPathEqualTo("/" + ORG + "/" + PAYMENTS.id() + "/_apis/git/repositories"))
			.willReturn(json(AdoPayloads.list(List.of(
					AdoPayloads.repository(ORG, PAYMENTS, API_REPOSITORY, "payments-api", false, "refs/heads/main"),
					AdoPayloads.repository(ORG, PAYMENTS, LEGACY_REPOSITORY, "payments-legacy", true, "refs/heads/main"))))));
		server.stubFor(get(urlPathEqualTo("/" + ORG + "/" + TOOLS.id() + "/_apis/git/repositories"))
			.willReturn(json(AdoPayloads.list(List.of(
					AdoPayloads.repository(ORG, TOOLS, CLI_REPOSITORY, "cli", false, "refs/heads/trunk"))))));
	}

	/**
	 * Serves a repository's alerts as pages linked by continuation tokens; {@code tokens.get(i)} is the
	 * token that leads from page i to page i + 1.
	 */
	public void alertPages(AdoPayloads.ProjectRef project, String repositoryId, List<List<ObjectNode>> pages,
			List<String> tokens) {
		for (int index = 0; index < pages.size(); index++) {
			ResponseDefinitionBuilder response = json(AdoPayloads.list(pages.get(index)));
			if (index < pages.size() - 1) {
				response = response.withHeader("x-ms-continuationtoken", tokens.get(index));
			}
			server.stubFor(alertsRequest(project, repositoryId)
				.withQueryParam("continuationToken", index == 0 ? absent() : equalTo(tokens.get(index - 1)))
				.willReturn(response));
		}
	}

	public MappingBuilder alertsRequest(AdoPayloads.ProjectRef project, String repositoryId) {
		return get(urlPathEqualTo(alertsPath(project, repositoryId))).atPriority(5)
			.withQueryParam("api-version", equalTo("7.2-preview.1"))
			.withQueryParam("criteria.alertType", equalTo("secret"))
			.withQueryParam("criteria.confidenceLevels", equalTo("high,other"));
	}

	/** Serves {@code GET …/alerts/{alertId}}, as the Advanced Security API answers for one alert. */
	public void singleAlert(ObjectNode alert) {
		AdoPayloads.ProjectRef project = API_REPOSITORY.equals(alert.get("repositoryId").asText()) ? PAYMENTS : TOOLS;
		server.stubFor(get(urlPathEqualTo(singleAlertPath(project, alert.get("repositoryId").asText(),
				alert.get("alertId").asLong())))
			.withQueryParam("api-version", equalTo("7.2-preview.1"))
			.willReturn(json(alert)));
	}

	public static String singleAlertPath(AdoPayloads.ProjectRef project, String repositoryId, long alertId) {
		return alertsPath(project, repositoryId) + "/" + alertId;
	}

	public List<LoggedRequest> alertRequests(AdoPayloads.ProjectRef project, String repositoryId) {
		return server.findAll(getRequestedFor(urlPathEqualTo(alertsPath(project, repositoryId))));
	}

	public ObjectNode alert(String repositoryId, int alertId, String state, Instant seen) {
		AdoPayloads.ProjectRef project = API_REPOSITORY.equals(repositoryId) ? PAYMENTS : TOOLS;
		boolean dismissed = "dismissed".equals(state) || "autoDismissed".equals(state);
		List<AdoAlertSpec.Location> locations = new ArrayList<>();
		locations.add(new AdoAlertSpec.Location("src/appsettings.json", alertId, alertId, 5, 60, hashes.sha()));
		return AdoPayloads.alert(new AdoAlertSpec(ORG, project.id(), project.name(), repositoryId,
				API_REPOSITORY.equals(repositoryId) ? "payments-api" : "cli", alertId, "SEC101/102", "AdoPat",
				"Azure DevOps personal access token (PAT)", "high", state,
				dismissed ? ("autoDismissed".equals(state) ? "toolUpgrade" : "falsePositive") : null,
				dismissed ? seen : null, "active", seen, seen.minusSeconds(86_400), seen.minusSeconds(3600), seen,
				"fixed".equals(state) ? seen : null, "…trunc" + alertId, locations));
	}

	private static String alertsPath(AdoPayloads.ProjectRef project, String repositoryId) {
		return "/" + ORG + "/" + project.id() + "/_apis/alert/repositories/" + repositoryId + "/alerts";
	}

	public static ResponseDefinitionBuilder json(Object body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withHeader("X-RateLimit-Limit", "200")
			.withHeader("X-RateLimit-Remaining", "199")
			.withBody(body.toString());
	}

}
