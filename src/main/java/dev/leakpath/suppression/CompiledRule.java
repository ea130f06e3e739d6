package dev.leakpath.suppression;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A checked rule, its globs compiled; {@link #of} says what is wrong with one that cannot be used. */
record CompiledRule(SuppressionRule rule, List<Glob> repositories, List<Glob> paths) {

	/** The dismissal reasons of the triage API. */
	static final Set<String> RESOLUTIONS = Set.of("false_positive", "used_in_tests", "wont_fix", "accepted_risk");

	static final Set<String> VALIDITIES = Set.of("active", "inactive", "unknown");

	/** Leaves room for the rule's name in the provider's comment, which the triage API caps at 280. */
	static final int MAX_COMMENT = 200;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	static CompiledRule of(SuppressionRule rule) {
		if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
			throw new InvalidSuppressionRuleException("a rule's name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting "
					+ "with a letter or digit; not '" + rule.name() + "'");
		}
		String where = "rule '" + rule.name() + "': ";
		if (rule.resolution() == null || !RESOLUTIONS.contains(rule.resolution())) {
			throw new InvalidSuppressionRuleException(where + "resolution must be one of " + RESOLUTIONS.stream().sorted().toList()
					+ ", not '" + rule.resolution() + "'");
		}
		if (rule.repositories().isEmpty() && rule.paths().isEmpty() && rule.secretTypes().isEmpty()
				&& rule.validities().isEmpty()) {
			throw new InvalidSuppressionRuleException(where + "give at least one of repositories, paths, secretTypes and "
					+ "validities: a rule without conditions would dismiss every alert");
		}
		for (String validity : rule.validities()) {
			if (!VALIDITIES.contains(validity)) {
				throw new InvalidSuppressionRuleException(where + "validity '" + validity + "' is none of "
						+ VALIDITIES.stream().sorted().toList());
			}
		}
		if (rule.secretTypes().stream().anyMatch(type -> type == null || type.isBlank())) {
			throw new InvalidSuppressionRuleException(where + "a secret type may not be empty");
		}
		if (rule.comment() != null && rule.comment().length() > MAX_COMMENT) {
			throw new InvalidSuppressionRuleException(where + "the comment is longer than " + MAX_COMMENT + " characters");
		}
		return new CompiledRule(rule, globs(where + "repositories", rule.repositories()), globs(where + "paths", rule.paths()));
	}

	private static List<Glob> globs(String where, List<String> texts) {
		try {
			return texts.stream().map(Glob::of).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSuppressionRuleException(where + ": " + ex.getMessage());
		}
	}

	/** The triage commands of the rule are of this source. */
	String source() {
		return "rule:" + rule.name();
	}

	/** What the provider keeps with the dismissal: the rule's name, and its reason. */
	String providerComment() {
		String comment = "Suppressed by leakpath rule '" + rule.name() + "'";
		return rule.comment() == null || rule.comment().isBlank() ? comment : comment + ": " + rule.comment();
	}

	/** Whether one of these paths matches (true when the rule names no paths). */
	boolean pathsMatch(List<String> alertPaths) {
		return paths.isEmpty() || alertPaths.stream().anyMatch(path -> paths.stream().anyMatch(glob -> glob.matches(path)));
	}

}
