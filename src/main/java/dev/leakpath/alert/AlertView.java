package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

import dev.leakpath.model.AlertDetails;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.target.TargetView;

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
public record AlertView(long id, String provider, String organization, String project, Repository repository,
		String providerAlertId, String secretType, String secretCategory, String providerSecretType, String ruleId,
		String secretTypeDisplayName, String state, String providerState, String resolution,
		String providerResolution, String validity, Instant validityCheckedAt, Boolean publiclyLeaked,
		Boolean multiRepo, Instant createdAt, Instant updatedAt, Instant resolvedAt, String alertUrl,
		AlertDetails details, Secret secret, TargetView target, RiskScore risk, List<Location> locations) {

	/** @param ownerSource where {@code owners} came from (see {@code RepositoryView}); null while none are known */
	public record Repository(String fullName, String url, String visibility, List<String> owners,
			String ownerSource) {
	}

	/** @param expiresAt when the secret stops working by itself, where its value says so; else null */
	public record Secret(String fingerprint, String preview, Instant expiresAt, boolean expired) {
	}

	public record Location(String type, String path, Integer startLine, Integer endLine, Integer startColumn,
			Integer endColumn, String commitSha, String blobSha, String fileUrl, String commitUrl) {
	}

	AlertView withLocations(List<Location> all) {
		return new AlertView(id, provider, organization, project, repository, providerAlertId, secretType,
				secretCategory, providerSecretType, ruleId, secretTypeDisplayName, state, providerState, resolution,
				providerResolution, validity, validityCheckedAt, publiclyLeaked, multiRepo, createdAt, updatedAt,
				resolvedAt, alertUrl, details, secret, target, risk, List.copyOf(all));
	}

}
