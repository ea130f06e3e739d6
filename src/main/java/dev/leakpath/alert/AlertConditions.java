package dev.leakpath.alert;

import dev.leakpath.sql.SqlConditions;

/**
 * The where clause of an {@link AlertFilter} over {@code alert a} and {@code repository r}, with only the
 * conditions given, so each filter combination gets a plan of its own. Listings, exports, summaries and triage
 * select alerts by the same filter this way.
 */
public final class AlertConditions {

	private static final String EXPIRED_SECRETS = "select id from secret where expires_at <= now()";

	private AlertConditions() {
	}

	public static SqlConditions of(AlertFilter filter) {
		return SqlConditions.of()
			.equal("a.provider", "provider", filter.provider())
			.equal("r.organization", "organization", filter.organization())
			.equal("r.full_name", "repository", filter.repository())
			.equal("a.state", "state", filter.state())
			.equal("a.secret_type", "secretType", filter.secretType())
			.equal("a.validity", "validity", filter.validity())
			// a subquery, not a join: the listing, the export and the summary join secret differently or not at all
			.either(filter.expired(), "a.secret_id in (" + EXPIRED_SECRETS + ")",
					"(a.secret_id is null or a.secret_id not in (" + EXPIRED_SECRETS + "))")
			.anyOf("r.organization", "organizations", filter.organizations());
	}

}
