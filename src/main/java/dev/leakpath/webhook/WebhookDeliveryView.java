package dev.leakpath.webhook;

import java.time.Instant;

import org.springframework.lang.Nullable;

/** A webhook delivery as the API shows it. */
public record WebhookDeliveryView(long id, String provider, String deliveryId, String event, @Nullable String action,
		String scope, String repository, String alertId, String status, int attempts, @Nullable String lastError,
		Instant receivedAt, Instant nextAttemptAt, @Nullable Instant processedAt) {
}
