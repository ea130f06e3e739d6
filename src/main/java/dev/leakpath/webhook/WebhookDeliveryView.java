package dev.leakpath.webhook;

import java.time.Instant;

/** A webhook delivery as the API shows it. */
public record WebhookDeliveryView(long id, String provider, String deliveryId, String event, String action,
		String scope, String repository, String alertId, String status, int attempts, String lastError,
		Instant receivedAt, Instant nextAttemptAt, Instant processedAt) {
}
