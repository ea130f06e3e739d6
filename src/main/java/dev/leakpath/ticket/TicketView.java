package dev.leakpath.ticket;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * A ticket as the API shows it.
 *
 * @param externalId Jira's issue key or GitHub's issue number, null until the issue exists
 * @param trackerState {@code open} or {@code closed} as leakpath last saw or set it
 * @param status {@code pending} (to be synced), {@code synced} or {@code failed} (see {@code lastError})
 * @param alertIds the alerts it stands for
 */
public record TicketView(long id, String rule, String channel, String scope, String repository,
		@Nullable String externalId, @Nullable String externalUrl, @Nullable String trackerState, String status,
		int attempts, @Nullable String lastError, Instant createdAt, Instant nextAttemptAt, @Nullable Instant syncedAt,
		List<Long> alertIds) {
}
