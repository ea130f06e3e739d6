package dev.leakpath.ingest;

import java.time.Instant;

/**
 * What a person triaging an alert changes, as its provider has it, in the provider's own words: GitHub's
 * {@code state}, {@code resolution} and {@code assigned_to}; Azure DevOps's {@code state} and its dismissal's
 * {@code dismissalType}. Never the secret.
 *
 * @param assignee the assignee's login; null when none, or when the provider has no assignees
 * @param resolvedAt when it was resolved, as leakpath stores it ({@code alert.resolved_at}); null while open
 * @param updatedAt the provider's last change of any kind, where it says (shown, not compared: it moves with every
 * rescan and validity check)
 */
public record ProviderAlertState(String state, String resolution, String assignee, Instant resolvedAt,
		Instant updatedAt) {
}
