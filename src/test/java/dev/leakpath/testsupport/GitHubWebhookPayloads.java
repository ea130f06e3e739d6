package dev.leakpath.testsupport;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitHub webhook payloads in the shapes of {@code @octokit/openapi-webhooks}: {@code secret_scanning_alert}
 * (schema {@code secret-scanning-alert-webhook}, a subset of the REST alert with no {@code state}, no
 * {@code secret} and no {@code repository}) and {@code secret_scanning_alert_location}, whose official
 * example does carry {@code state} and {@code secret}.
 */
public final class GitHubWebhookPayloads {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/** The fields of a REST alert that the webhook's alert schema keeps. */
	private static final List<String> WEBHOOK_ALERT_FIELDS = List.of("number", "created_at", "updated_at", "url",
			"html_url", "locations_url", "resolution", "resolved_at", "resolved_by", "resolution_comment", "secret_type",
			"secret_type_display_name", "validity", "push_protection_bypassed", "push_protection_bypassed_by",
			"push_protection_bypassed_at", "publicly_leaked", "multi_repo", "assigned_to");

	private GitHubWebhookPayloads() {
	}

	/** A {@code secret_scanning_alert} delivery about the REST alert {@code restAlert} (an org list item). */
	public static ObjectNode alertEvent(String action, ObjectNode restAlert, ObjectNode fullRepository) {
		ObjectNode payload = JSON.objectNode().put("action", action);
		payload.set("alert", webhookAlert(restAlert));
		return envelope(payload, fullRepository);
	}

	/** A {@code secret_scanning_alert_location} delivery; its alert carries the secret, as GitHub's example does. */
	public static ObjectNode locationEvent(ObjectNode restAlert, ObjectNode location, ObjectNode fullRepository) {
		ObjectNode payload = JSON.objectNode().put("action", "created");
		ObjectNode alert = webhookAlert(restAlert);
		alert.set("state", restAlert.get("state"));
		alert.set("secret", restAlert.get("secret"));
		payload.set("alert", alert);
		payload.set("location", location);
		return envelope(payload, fullRepository);
	}

	/** GitHub's ping, sent when a webhook is created. */
	public static ObjectNode ping(long hookId) {
		ObjectNode payload = JSON.objectNode().put("zen", "Design for failure.").put("hook_id", hookId);
		payload.set("hook", JSON.objectNode()
			.put("type", "Organization")
			.put("id", hookId)
			.put("name", "web")
			.put("active", true)
			.set("events", JSON.arrayNode().add("secret_scanning_alert").add("secret_scanning_alert_location")));
		return payload;
	}

	/** The alert as {@code GET /repos/{owner}/{repo}/secret-scanning/alerts/{number}} answers: no {@code repository}. */
	public static ObjectNode repositoryAlert(ObjectNode restAlert) {
		ObjectNode alert = restAlert.deepCopy();
		alert.remove("repository");
		return alert;
	}

	private static ObjectNode webhookAlert(ObjectNode restAlert) {
		ObjectNode alert = JSON.objectNode();
		WEBHOOK_ALERT_FIELDS.forEach(field -> {
			JsonNode value = restAlert.get(field);
			alert.set(field, value == null ? JSON.nullNode() : value.deepCopy());
		});
		return alert;
	}

	private static ObjectNode envelope(ObjectNode payload, ObjectNode fullRepository) {
		payload.set("repository", fullRepository);
		JsonNode owner = fullRepository.get("owner");
		// a webhook's organization is the organization-simple part of the full organisation
		ObjectNode organization = GitHubPayloads.organization(owner.get("login").asText(), owner.get("id").asLong());
		organization.retain("login", "id", "node_id", "url", "repos_url", "events_url", "hooks_url", "issues_url",
				"members_url", "public_members_url", "avatar_url", "description");
		payload.set("organization", organization);
		payload.set("sender", GitHubPayloads.user("mona-secops", 583231));
		return payload;
	}

}
