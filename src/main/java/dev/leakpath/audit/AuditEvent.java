package dev.leakpath.audit;

import java.time.Instant;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * One admin action as the API shows it: a request, or one change a request made (then with its subject and
 * the subject's state before and after).
 *
 * @param status the HTTP status it ended with; null when the client went away first
 * @param subject what one change changed ({@code alert:42}); null on a request's record
 * @param before the subject before the change; null on a request's record
 * @param after the subject as the change asks it to be; null on a request's record
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String method, String path,
		@Nullable Integer status, @Nullable String remoteAddress, @Nullable String subject,
		@Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {
}
