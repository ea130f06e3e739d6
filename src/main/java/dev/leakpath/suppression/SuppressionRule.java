package dev.leakpath.suppression;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * Which alerts a rule suppresses, and why. Each list is "any of", an empty one "all"; the lists together are "all
 * of". A rule with no condition at all is refused: it would dismiss every alert.
 *
 * @param name names the rule in the triage commands it issues ({@code rule:<name>}) and in the comment the
 * provider keeps
 * @param repositories globs over the repository's full name ({@code acme/docs-*}, {@code *}{@code /sandbox})
 * @param paths globs over a location's path ({@code test/**}, {@code **}{@code /*.md}): an alert matches when
 * one of its locations does; an alert with no path (a pull-request comment, a wiki) never matches a rule with
 * paths
 * @param secretTypes leakpath's secret types ({@code github_personal_access_token})
 * @param validities {@code active}, {@code inactive} or {@code unknown}
 * @param resolution the dismissal reason: {@code false_positive}, {@code used_in_tests}, {@code wont_fix} or
 * {@code accepted_risk}
 * @param comment why, kept with the dismissal at the provider
 * @param expires after this the rule matches nothing more (what it dismissed stays dismissed)
 */
public record SuppressionRule(String name, List<String> repositories, List<String> paths, List<String> secretTypes,
		List<String> validities, String resolution, @Nullable String comment, @Nullable Instant expires) {

	public SuppressionRule {
		repositories = repositories == null ? List.of() : List.copyOf(repositories);
		paths = paths == null ? List.of() : List.copyOf(paths);
		secretTypes = secretTypes == null ? List.of() : List.copyOf(secretTypes);
		validities = validities == null ? List.of() : List.copyOf(validities);
	}

	boolean expiredAt(Instant now) {
		return expires != null && !expires.isAfter(now);
	}

}
