package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * GitHub's secret-scanning alert endpoints for triage, in the shapes of GitHub's REST description
 * ({@code @octokit/openapi} 23.0.2, {@code paths./repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}}):
 * {@code get-alert} answers the alert ({@code secret-scanning-alert-with-metadata}), without {@code secret} when
 * asked {@code hide_secret=true} (and only then: leakpath must ask); {@code update-alert} answers the alert as it
 * is after the change, shaped as the example {@code secret-scanning-alert-resolved}, secret included as there.
 * Errors carry the bodies of the description's {@code basic-error} and {@code service_unavailable}.
 */
public final class GitHubAlertUpdates {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final FakeGitHub github;

	public GitHubAlertUpdates(FakeGitHub github) {
		this.github = github;
	}

	/** {@code GET …/alerts/{number}?hide_secret=true} for an org list item, as it is at GitHub now. */
	public MappingBuilder read(ObjectNode orgAlert) {
		return get(urlPathEqualTo(path(orgAlert))).withQueryParam("hide_secret", equalTo("true"));
	}

	/** {@code PATCH …/alerts/{number}}. */
	public MappingBuilder update(ObjectNode orgAlert) {
		return patch(urlPathEqualTo(path(orgAlert)));
	}

	/** The alert of an org list item as get-alert answers it with {@code hide_secret=true}. */
	public static ObjectNode asRead(ObjectNode orgAlert) {
		ObjectNode alert = GitHubWebhookPayloads.repositoryAlert(orgAlert);
		alert.remove("secret");
		// secret-scanning-alert-with-metadata: extended metadata on fpt and ghec, as in the official examples
		alert.set("metadata", OctokitDescriptions.restExample("secret-scanning-alert-open").get("metadata"));
		return alert;
	}

	/** The alert after {@code state: resolved}: resolver and comment as in {@code secret-scanning-alert-resolved}. */
	public static ObjectNode resolved(ObjectNode orgAlert, String resolution, String comment, Instant at) {
		JsonNode example = OctokitDescriptions.restExample("secret-scanning-alert-resolved");
		ObjectNode alert = GitHubWebhookPayloads.repositoryAlert(orgAlert);
		alert.put("state", "resolved")
			.put("resolution", resolution)
			.put("resolved_at", at.toString())
			.put("updated_at", at.toString())
			.put("resolution_comment", comment);
		alert.set("resolved_by", example.get("resolved_by"));
		alert.set("metadata", example.get("metadata"));
		return alert;
	}

	/** The alert after {@code assignee}: {@code assigned_to} as a simple-user. */
	public static ObjectNode assigned(ObjectNode orgAlert, String login, long userId, Instant at) {
		ObjectNode alert = asRead(orgAlert);
		alert.set("assigned_to", GitHubPayloads.user(login, userId));
		return alert.put("updated_at", at.toString());
	}

	/** A {@code basic-error} body, as GitHub sends with a 4xx. */
	public static ResponseDefinitionBuilder error(int status, String message) {
		return FakeGitHub.json(status, JsonNodeFactory.instance.objectNode()
			.put("message", message)
			.put("documentation_url",
					"https://docs.github.com/rest/secret-scanning/secret-scanning#update-a-secret-scanning-alert")
			.put("status", String.valueOf(status)));
	}

	/** The {@code service_unavailable} response's body. */
	public static ResponseDefinitionBuilder unavailable() {
		return FakeGitHub.json(503, JsonNodeFactory.instance.objectNode()
			.put("code", "service_unavailable")
			.put("message", "Service Unavailable")
			.put("documentation_url", "https://docs.github.com/rest"));
	}

	public List<LoggedRequest> reads(ObjectNode orgAlert) {
		return github.server().findAll(getRequestedFor(urlPathEqualTo(path(orgAlert))));
	}

	public List<LoggedRequest> updates(ObjectNode orgAlert) {
		return github.server().findAll(patchRequestedFor(urlPathEqualTo(path(orgAlert))));
	}

	/** The body of a logged PATCH. */
	public static JsonNode body(LoggedRequest request) {
		try {
			return JSON.readTree(request.getBodyAsString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String path(ObjectNode orgAlert) {
		return github.alertPath(orgAlert.get("repository").get("full_name").asText(), orgAlert.get("number").asLong());
	}

}
