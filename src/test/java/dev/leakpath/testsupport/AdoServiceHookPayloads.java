package dev.leakpath.testsupport;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure DevOps service-hook deliveries for Advanced Security alerts, in the envelope of
 * {@code docs/service-hooks/events.md}: the {@code resource} is the REST {@code Alert}.
 */
public final class AdoServiceHookPayloads {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private static final String COLLECTION_ID = "c12d0eb8-e382-443b-9f9c-c52cba5014c2";

	private static final String ACCOUNT_ID = "57a2e5f9-3e2c-4e0b-9b59-4b5d5a4c9f01";

	private AdoServiceHookPayloads() {
	}

	/**
	 * @param eventType e.g. {@code ms.vss-alerts.alert-state-changed-event}
	 * @param eventId the event's {@code id}, the same on every retry of the notification
	 */
	public static ObjectNode event(String eventType, String eventId, int notificationId, String projectId,
			ObjectNode resource, Instant created) {
		String text = switch (eventType) {
			case "ms.vss-alerts.alert-created-event" -> "Alert is created";
			case "ms.vss-alerts.alert-state-changed-event" -> "Alert's state is changed";
			default -> "Alert is updated";
		};
		ObjectNode payload = JSON.objectNode()
			.put("subscriptionId", "9a5c3b28-6f1e-4d47-8b7c-2e5f1a0d3c44")
			.put("notificationId", notificationId)
			.put("id", eventId)
			.put("eventType", eventType)
			.put("publisherId", "advsec");
		payload.set("message", JSON.objectNode().put("text", text).put("html", text).put("markdown", text));
		payload.set("detailedMessage", JSON.objectNode()
			.put("text", text + " - Alert status: " + resource.path("state").asText())
			.put("html", text)
			.put("markdown", text));
		payload.set("resource", resource);
		payload.put("resourceVersion", "1.0");
		ObjectNode containers = payload.putObject("resourceContainers");
		containers.putObject("collection").put("id", COLLECTION_ID);
		containers.putObject("account").put("id", ACCOUNT_ID);
		containers.putObject("project").put("id", projectId);
		return payload.put("createdDate", created.toString());
	}

}
