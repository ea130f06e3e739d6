package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

import dev.leakpath.model.AlertDetails;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.target.TargetView;

import org.springframework.lang.Nullable;

/**
 * An alert as the API shows it: with its repository, secret identity (never the value), what the secret can
 * authenticate to ({@code target}, null when the provider withheld the value) and locations.
 *
 * @param secretType the catalogue's id for the kind of secret, the same for every provider
 * @param secretCategory the catalogue's category of that type ({@code other} when unmapped)
 * @param providerSecretType the provider's own name for it (GitHub slug, Azure DevOps rule name)
 * @param ruleId the provider's rule id (Azure DevOps {@code opaqueId}), or null
 * @param state {@code open} or {@code resolved}, for every provider
 * @param providerState the provider's own word for the state
 * @param resolution why it was resolved (one of a documented set), null while open
 * @param providerResolution the provider's own word for the resolution
 * @param validityCheckedAt when the provider last checked the secret, where it says
 * @param details assignee, resolver and comment, push-protection bypass, where the provider says
 * @param risk the alert's score: that of its worst open attack path, or of the alert alone when it is on none;
 * 0 once resolved
 */
public record AlertView(long id, String provider, String organization, @Nullable String project, Repository repository,
		String providerAlertId, String secretType, String secretCategory, String providerSecretType,
		@Nullable String ruleId, @Nullable String secretTypeDisplayName, String state, String providerState,
		@Nullable String resolution, @Nullable String providerResolution, @Nullable String validity,
		@Nullable Instant validityCheckedAt, @Nullable Boolean publiclyLeaked, @Nullable Boolean multiRepo,
		Instant createdAt, @Nullable Instant updatedAt, @Nullable Instant resolvedAt, @Nullable String alertUrl,
		AlertDetails details, @Nullable Secret secret, @Nullable TargetView target, RiskScore risk,
		List<Location> locations) {

	/** @param ownerSource where {@code owners} came from (see {@code RepositoryView}); null while none are known */
	public record Repository(String fullName, @Nullable String url, @Nullable String visibility, List<String> owners,
			@Nullable String ownerSource) {
	}

	/** @param expiresAt when the secret stops working by itself, where its value says so; else null */
	public record Secret(String fingerprint, String preview, @Nullable Instant expiresAt, boolean expired) {
	}

	public record Location(String type, @Nullable String path, @Nullable Integer startLine, @Nullable Integer endLine,
			@Nullable Integer startColumn, @Nullable Integer endColumn, @Nullable String commitSha,
			@Nullable String blobSha, @Nullable String fileUrl, @Nullable String commitUrl) {
	}

	AlertView withLocations(List<Location> all) {
		return new AlertView(id, provider, organization, project, repository, providerAlertId, secretType,
				secretCategory, providerSecretType, ruleId, secretTypeDisplayName, state, providerState, resolution,
				providerResolution, validity, validityCheckedAt, publiclyLeaked, multiRepo, createdAt, updatedAt,
				resolvedAt, alertUrl, details, secret, target, risk, List.copyOf(all));
	}

}
