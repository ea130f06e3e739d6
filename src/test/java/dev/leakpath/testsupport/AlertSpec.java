package dev.leakpath.testsupport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What varies between two organisation secret-scanning alerts; {@link GitHubPayloads#alert(AlertSpec)} fills in
 * the rest.
 *
 * @param state {@code open} or {@code resolved}
 * @param resolution null unless resolved; {@code false_positive}, {@code wont_fix}, {@code revoked},
 *     {@code used_in_tests}, {@code pattern_edited} or {@code pattern_deleted}
 * @param validity {@code active}, {@code inactive} or {@code unknown}
 * @param firstLocation a whole location ({@code {type, details}}) as built by the {@code *Location} factories, or null
 */
public record AlertSpec(
		String org,
		long orgId,
		String repoName,
		long repoId,
		boolean repoPrivate,
		int number,
		String secretType,
		String displayName,
		String secret,
		String state,
		String resolution,
		String validity,
		boolean publiclyLeaked,
		boolean multiRepo,
		Instant createdAt,
		Instant updatedAt,
		Instant resolvedAt,
		ObjectNode firstLocation,
		boolean hasMoreLocations) {

	public AlertSpec {
		requireNonNull(org, "org must not be null");
		requireNonNull(repoName, "repoName must not be null");
		requireNonNull(secretType, "secretType must not be null");
		requireNonNull(displayName, "displayName must not be null");
		requireNonNull(secret, "secret must not be null");
		requireNonNull(validity, "validity must not be null");
		requireNonNull(createdAt, "createdAt must not be null");
		requireNonNull(updatedAt, "updatedAt must not be null");
		boolean resolved = "resolved".equals(state);
		if (!resolved && !"open".equals(state)) {
			throw new IllegalArgumentException("state must be open or resolved: " + state);
		}
		if (resolved != (resolution != null) || resolved != (resolvedAt != null)) {
			throw new IllegalArgumentException("resolution and resolvedAt must be set iff the alert is resolved");
		}
		if (updatedAt.isBefore(createdAt)) {
			throw new IllegalArgumentException("updatedAt must not be before createdAt");
		}
	}

	public boolean isResolved() {
		return resolvedAt != null;
	}
}
