package dev.leakpath.alert;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Counts for the dashboard's overview, in the neutral model: "open" whatever the provider calls it, secret types
 * by catalogue id.
 *
 * @param openByProvider open alerts per provider
 * @param openBySecretType open alerts per secret type, the most frequent first
 * @param byState every alert per state ({@code open}, {@code resolved})
 * @param openByValidity open alerts per validity
 * @param days alerts created and resolved per day (UTC), oldest first, every day of the window present
 */
public record AlertSummary(Map<String, Long> openByProvider, Map<String, Long> openBySecretType,
		Map<String, Long> byState, Map<String, Long> openByValidity, List<Day> days) {

	public record Day(LocalDate day, long opened, long resolved) {
	}

}
