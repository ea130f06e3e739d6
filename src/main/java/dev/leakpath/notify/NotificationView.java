package dev.leakpath.notify;

import java.time.Instant;

/** A notification as the API shows it. */
public record NotificationView(long id, String event, String repository, Long alertId, Long attackPathId,
		String rule, String channel, String recipient, String status, int attempts, String lastError,
		Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
}
