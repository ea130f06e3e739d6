package dev.leakpath.suppression;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** What a rule would dismiss now, before it is put in config: nothing is written. */
@Component
public class SuppressionDryRun {

	/** Matches counted at most: enough to tell a careful rule from a sweeping one. */
	public static final int MAX_COUNTED = 10_000;

	public static final int EXAMPLES = 100;

	private final SuppressionMatcher matcher;

	SuppressionDryRun(SuppressionMatcher matcher) {
		this.matcher = matcher;
	}

	/** @throws InvalidSuppressionRuleException for a rule that cannot be used, saying why */
	public Mono<Result> run(SuppressionRule rule) {
		CompiledRule compiled = CompiledRule.of(rule);
		return matcher.all(compiled).take(MAX_COUNTED + 1L).collectList().map(matches -> new Result(
				Math.min(matches.size(), MAX_COUNTED), matches.size() > MAX_COUNTED,
				matches.stream().limit(EXAMPLES).map(match -> new Example(match.alertId(), match.repository(),
						match.providerAlertId(), match.secretType(), match.path())).toList()));
	}

	/**
	 * @param matches open alerts the rule matches now, at most {@link #MAX_COUNTED}
	 * @param more whether more than that matched
	 * @param alerts the first {@link #EXAMPLES}, by id
	 */
	public record Result(long matches, boolean more, List<Example> alerts) {
	}

	/** @param path the location path that matched, null when the rule names no paths and the alert has none */
	public record Example(long alertId, String repository, String providerAlertId, String secretType, String path) {
	}

}
