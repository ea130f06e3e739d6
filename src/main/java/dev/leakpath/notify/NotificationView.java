package dev.leakpath.notify;

import java.time.Instant;

import org.springframework.lang.Nullable;

/** A notification as the API shows it. */
public record NotificationView(long id, String event, @Nullable String repository, @Nullable Long alertId,
		@Nullable Long attackPathId, String rule, String channel, String recipient, String status, int attempts,
		@Nullable String lastError, Instant createdAt, Instant nextAttemptAt, @Nullable Instant sentAt) {
}
