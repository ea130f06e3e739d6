package dev.leakpath.api;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * {@code POST /api/v1/alerts/triage}: what to do, and to which alerts: {@code alertIds}, or a {@code filter} with
 * the alert list's conditions.
 *
 * @param action {@code assign}, {@code resolve}, {@code dismiss}, {@code reopen} or {@code revoke} (admins; GitHub
 * personal access tokens only: revoked at GitHub, then resolved as {@code revoked})
 * @param resolution for resolve {@code revoked} or {@code fixed}; for dismiss {@code false_positive},
 * {@code used_in_tests}, {@code wont_fix} or {@code accepted_risk}
 * @param comment on a resolve, dismiss or reopen, at most 280 characters
 * @param assignee for assign: a GitHub login (Azure DevOps alerts have none: leakpath keeps it)
 */
record TriageRequest(String action, @Nullable String resolution, @Nullable String comment, @Nullable String assignee,
		@Nullable List<Long> alertIds, @Nullable Filter filter) {

	/** The conditions of {@code GET /api/v1/alerts}, with the same values. */
	record Filter(@Nullable String provider, @Nullable String organization, @Nullable String repository,
			@Nullable String state, @Nullable String secretType, @Nullable String validity, @Nullable Boolean expired) {

		boolean isEmpty() {
			return provider == null && organization == null && repository == null && state == null
					&& secretType == null && validity == null && expired == null;
		}

	}

	/** {@code POST /api/v1/alerts/{id}/triage}: what to do to that alert. */
	record OneAlert(String action, @Nullable String resolution, @Nullable String comment, @Nullable String assignee) {
	}

}
