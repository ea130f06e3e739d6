package dev.leakpath.webhook;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/** One provider's webhook contract: how a delivery is authenticated and what it asks for. */
public interface WebhookSource {

	/** The provider name, as the connectors use it. */
	String provider();

	/** The last segment of this source's endpoint, {@code /webhooks/<path>}. */
	String path();

	/** Why this endpoint accepts nothing (no secret configured), or empty when it is ready. */
	Optional<String> disabledReason();

	/**
	 * Checks the credentials that need no body, before any of it is read; empty when they hold, else why
	 * not. A source refuses here whatever it can (a missing signature too): only these deliveries' bodies
	 * are buffered.
	 */
	default Optional<String> rejectBeforeBody(HttpHeaders headers) {
		return Optional.empty();
	}

	/** Checks the credentials that cover the raw body; empty when they hold, else why not. */
	default Optional<String> rejectBody(HttpHeaders headers, byte[] body) {
		return Optional.empty();
	}

	/** Decides what to do with an authenticated delivery whose body is a JSON object. */
	IntakeDecision decide(HttpHeaders headers, JsonNode payload) throws MalformedDeliveryException;

}
