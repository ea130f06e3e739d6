package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

import dev.leakpath.target.TargetView;

/**
 * An alert as the API shows it: with its repository, secret identity (never the value), what the secret can
 * authenticate to ({@code target}, null when the provider withheld the value) and locations.
 */
public record AlertView(long id, String provider, String organization, String project, Repository repository,
		String providerAlertId, String secretType, String secretTypeDisplayName, String state, String resolution,
		String validity, Boolean publiclyLeaked, Boolean multiRepo, Instant createdAt, Instant updatedAt,
		Instant resolvedAt, String alertUrl, Secret secret, TargetView target, List<Location> locations) {

	/** @param ownerSource where {@code owners} came from (see {@code RepositoryView}); null while none are known */
	public record Repository(String fullName, String url, String visibility, List<String> owners,
			String ownerSource) {
	}

	public record Secret(String fingerprint, String preview) {
	}

	public record Location(String type, String path, Integer startLine, Integer endLine, Integer startColumn,
			Integer endColumn, String commitSha, String blobSha, String fileUrl, String commitUrl) {
	}

	AlertView withLocations(List<Location> all) {
		return new AlertView(id, provider, organization, project, repository, providerAlertId, secretType,
				secretTypeDisplayName, state, resolution, validity, publiclyLeaked, multiRepo, createdAt, updatedAt,
				resolvedAt, alertUrl, secret, target, List.copyOf(all));
	}

}
