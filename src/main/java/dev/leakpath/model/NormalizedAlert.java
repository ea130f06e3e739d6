package dev.leakpath.model;

import java.time.Instant;
import java.util.List;

import dev.leakpath.secret.RawSecret;

/**
 * A secret-scanning alert in the provider-neutral model. {@code secret} is the raw value when the
 * provider returned it; it is fingerprinted on write and never stored.
 *
 * @param secretType the provider's own word for the kind of secret (GitHub's slug, Azure DevOps's rule
 * friendlyName); the catalogue turns it into a provider-neutral type on write
 * @param ruleId the provider's rule id where it has one (Azure DevOps's {@code opaqueId}, {@code SEC101/102})
 * @param state {@link AlertStates#OPEN} or {@link AlertStates#RESOLVED}, whatever the provider
 * @param providerState the provider's own word for the state ({@code active}, {@code dismissed}, …)
 * @param resolution why a resolved alert was closed, one of {@link AlertStates#RESOLUTIONS}; null while open
 * @param providerResolution the provider's own word for the resolution
 * @param validityCheckedAt when the provider last checked whether the secret still works, where it says
 * @param details what only some providers say (assignee, push-protection bypass, …); never null
 */
public record NormalizedAlert(String provider, NormalizedRepository repository, String providerAlertId,
		String secretType, String secretTypeDisplayName, String ruleId, String state, String providerState,
		String resolution, String providerResolution, String validity, Instant validityCheckedAt,
		Boolean publiclyLeaked, Boolean multiRepo, Instant createdAt, Instant updatedAt, Instant resolvedAt,
		String alertUrl, String apiUrl, RawSecret secret, List<NormalizedLocation> locations, AlertDetails details) {

	public NormalizedAlert {
		locations = locations == null ? List.of() : List.copyOf(locations);
		details = details == null ? AlertDetails.NONE : details;
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
