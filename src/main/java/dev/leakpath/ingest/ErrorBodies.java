package dev.leakpath.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What of a provider's error body goes into an exception: its {@code message} field (GitHub and Azure
 * DevOps both use one) or the raw text, cut to 100 characters.
 */
public final class ErrorBodies {

	private static final int SNIPPET_LENGTH = 100;

	private ErrorBodies() {
	}

	public static String message(ObjectMapper mapper, String body) {
		String message = body;
		try {
			JsonNode json = mapper.readTree(body);
			if (json != null && json.hasNonNull("message")) {
				message = json.get("message").asText();
			}
		}
		catch (JsonProcessingException notJson) {
			// keep the raw text
		}
		return message.length() > SNIPPET_LENGTH ? message.substring(0, SNIPPET_LENGTH) + "…" : message;
	}

}
