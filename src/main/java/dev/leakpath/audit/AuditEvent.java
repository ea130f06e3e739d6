package dev.leakpath.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One admin action as the API shows it: a request, or one change a request made (then with its subject and
 * the subject's state before and after).
 *
 * @param status the HTTP status it ended with; null when the client went away first
 * @param subject what one change changed ({@code alert:42}); null on a request's record
 * @param before the subject before the change, as JSON; null on a request's record
 * @param after the subject as the change asks it to be, as JSON; null on a request's record
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String method, String path, Integer status,
		String remoteAddress, String subject, @JsonRawValue String before, @JsonRawValue String after) {
}
