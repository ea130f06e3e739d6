package dev.leakpath.alert;

import dev.leakpath.sql.ListOrder;

/**
 * Conditions on an alert listing; null means no condition. {@code organizations} are those the caller may see
 * (null: all); {@code order} is newest first or ranked by risk, with its keyset cursor; {@code expired}: whether the alert's secret has expired by
 * its own word (an alert without a known expiry is not expired).
 */
public record AlertFilter(String provider, String organization, String repository, String state,
		String secretType, String validity, Boolean expired, String[] organizations, ListOrder order, int limit) {
}
