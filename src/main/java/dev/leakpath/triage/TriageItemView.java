package dev.leakpath.triage;

import java.time.Instant;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * One alert of a triage command as the API shows it.
 *
 * @param status {@code pending}, {@code applied}, {@code failed} or {@code conflict}
 * @param nextAttemptAt while pending: when it is tried (again)
 * @param lastError why the last attempt failed, or why it failed for good
 * @param read the provider's alert as leakpath read it when the command was taken in (state, resolution,
 * assignee, resolvedAt, updatedAt, in the provider's words)
 * @param answer the provider's alert after the write; on a conflict, what it had instead; null while pending
 * @param confirmed once applied: whether leakpath's stored alert shows it yet (the next poll or webhook reads it)
 */
public record TriageItemView(long id, long alertId, String provider, String organization, String repository,
		String providerAlertId, @Nullable String alertUrl, String status, int attempts, @Nullable Instant nextAttemptAt,
		@Nullable String lastError, @Nullable String note, Map<String, Object> read,
		@Nullable Map<String, Object> answer, @Nullable Instant finishedAt, @Nullable Boolean confirmed) {
}
