package dev.leakpath.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Azure DevOps Advanced Security's alert endpoints for triage, in the shapes of
 * {@code MicrosoftDocs/vsts-rest-api-specs} {@code specification/advancedSecurity/7.2/alert.json} (HEAD adb28786):
 * {@code Alerts_Get} and {@code Alerts_Update} ({@code PATCH} with an {@code AlertStateUpdate}), both answering an
 * {@code Alert}, whose {@code dismissal} is a {@code Dismissal} ({@code dismissalId}, {@code dismissalType},
 * {@code message}, {@code stateChangedBy}, {@code stateChangedByIdentity}, {@code requestedOn}). Addressed as
 * leakpath stores the repository: by project name (the spec takes a name or an id) and repository id.
 */
public final class AdoAlertUpdates {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

	private final WireMockServer server;

	public AdoAlertUpdates(WireMockServer server) {
		this.server = server;
	}

	public MappingBuilder read(String projectName, ObjectNode alert) {
		return get(urlPathEqualTo(path(projectName, alert))).withQueryParam("api-version", equalTo("7.2-preview.1"));
	}

	public MappingBuilder update(String projectName, ObjectNode alert) {
		return patch(urlPathEqualTo(path(projectName, alert))).withQueryParam("api-version", equalTo("7.2-preview.1"));
	}

	public List<LoggedRequest> updates(String projectName, ObjectNode alert) {
		return server.findAll(patchRequestedFor(urlPathEqualTo(path(projectName, alert))));
	}

	/** The alert as Alerts_Update answers a dismissal: the state, and who dismissed it why and when. */
	public static ObjectNode dismissed(ObjectNode alert, String reason, String comment, Instant at) {
		ObjectNode dismissed = alert.deepCopy().put("state", "dismissed");
		ObjectNode dismissal = JsonNodeFactory.instance.objectNode()
			.put("dismissalId", 9000 + alert.get("alertId").asLong())
			.put("dismissalType", reason)
			.put("message", comment)
			.put("stateChangedBy", "5d3e1c2a-8f4b-4c6d-9e7f-0a1b2c3d4e5f");
		dismissal.set("stateChangedByIdentity", JsonNodeFactory.instance.objectNode()
			.put("displayName", "leakpath service")
			.put("id", "5d3e1c2a-8f4b-4c6d-9e7f-0a1b2c3d4e5f")
			.put("uniqueName", "leakpath@contoso.example"));
		dismissal.put("requestedOn", DATE.format(at));
		dismissed.set("dismissal", dismissal);
		return dismissed;
	}

	/** An Azure DevOps 5xx, as its services send it. */
	public static ResponseDefinitionBuilder unavailable() {
		return aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(AdoPayloads.error("TF400898: An Internal Error Occurred. Activity Id: "
					+ "6bf5b7a4-4b5e-4c7e-9a0d-2f2d0f4f5f11.", "VssServiceException", "VssServiceException").toString());
	}

	private static String path(String projectName, ObjectNode alert) {
		return "/" + FakeAzureDevOps.ORG + "/" + projectName + "/_apis/alert/repositories/"
				+ alert.get("repositoryId").asText() + "/alerts/" + alert.get("alertId").asLong();
	}

}
