package dev.leakpath.audit;

import java.time.Instant;

/**
 * One admin action as the API shows it.
 *
 * @param status the HTTP status it ended with; null when the client went away first
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String method, String path, Integer status,
		String remoteAddress) {
}
