package dev.leakpath.ticket;

import java.time.Instant;

/**
 * A ticket being synced, as the database has it when it was claimed.
 *
 * @param rule the rule that made it, null when the rule is no longer configured
 * @param repository the full name of the repository of its first alert (GitHub Issues: where the issue lives)
 * @param trackerState {@code open} or {@code closed} as last seen or set, null before there is an issue
 * @param wantOpen whether one of its alerts is open
 * @param resolvedAs why its alerts were resolved, as GitHub says it: {@code completed} when one was revoked or
 * fixed, else {@code not_planned}
 */
record Ticket(long id, long version, TicketRule rule, String ruleName, String channel, String key, String scope,
		String repository, String externalId, String externalUrl, String trackerState, Instant createAttemptedAt,
		Instant createdAt, int attempts, boolean wantOpen, String resolvedAs) {

	TrackedIssue issue() {
		return externalId == null ? null : new TrackedIssue(externalId, externalUrl, !"closed".equals(trackerState));
	}

}
