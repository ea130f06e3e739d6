package dev.leakpath.suppression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/** The rules of config, checked at start-up: a rule that cannot be used stops the application, saying why. */
@Component
public class SuppressionRules {

	private final List<CompiledRule> rules;

	SuppressionRules(SuppressionProperties properties) {
		List<CompiledRule> compiled = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int index = 0; index < properties.rules().size(); index++) {
			SuppressionRule rule = properties.rules().get(index);
			try {
				CompiledRule checked = CompiledRule.of(rule);
				if (!names.add(rule.name())) {
					throw new InvalidSuppressionRuleException("two rules are named '" + rule.name() + "'");
				}
				compiled.add(checked);
			}
			catch (InvalidSuppressionRuleException ex) {
				throw new IllegalStateException("leakpath.suppression.rules[" + index + "]: " + ex.getMessage(), ex);
			}
		}
		this.rules = List.copyOf(compiled);
	}

	List<CompiledRule> all() {
		return rules;
	}

	/** Those not expired at {@code now}. */
	List<CompiledRule> live(Instant now) {
		return rules.stream().filter(rule -> !rule.rule().expiredAt(now)).toList();
	}

	/** The configured rules as they were given. */
	public List<SuppressionRule> configured() {
		return rules.stream().map(CompiledRule::rule).toList();
	}

}
