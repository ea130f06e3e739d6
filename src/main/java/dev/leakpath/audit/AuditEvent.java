package dev.leakpath.audit;

import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * One admin action as the API shows it.
 *
 * @param status the HTTP status it ended with; null when the client went away first
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String method, String path,
		@Nullable Integer status, @Nullable String remoteAddress) {
}
