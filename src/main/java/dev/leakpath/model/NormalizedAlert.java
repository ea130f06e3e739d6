package dev.leakpath.model;

import java.time.Instant;
import java.util.List;

import dev.leakpath.secret.RawSecret;

/**
 * A secret-scanning alert in the provider-neutral model. {@code secret} is the raw value when the
 * provider returned it; it is fingerprinted on write and never stored.
 */
public record NormalizedAlert(String provider, NormalizedRepository repository, String providerAlertId,
		String secretType, String secretTypeDisplayName, String state, String resolution, String validity,
		Boolean publiclyLeaked, Boolean multiRepo, Instant createdAt, Instant updatedAt, Instant resolvedAt,
		String alertUrl, String apiUrl, RawSecret secret, List<NormalizedLocation> locations) {

	public NormalizedAlert {
		locations = locations == null ? List.of() : List.copyOf(locations);
	}

	/**
	 * The time that orders alerts for incremental polling: GitHub's {@code sort=updated} means updated or
	 * resolved, and a resolved alert may carry no {@code updated_at}.
	 */
	public Instant changedAt() {
		Instant changed = createdAt;
		for (Instant candidate : new Instant[] { updatedAt, resolvedAt }) {
			if (candidate != null && (changed == null || candidate.isAfter(changed))) {
				changed = candidate;
			}
		}
		return changed;
	}

}
