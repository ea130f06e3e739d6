package dev.leakpath.suppression;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Suppression rules: alerts that are known not to need fixing (test fixtures, documentation), dismissed at their
 * provider with the rule's reason whenever they are open.
 *
 * @param enabled whether this instance looks for alerts to suppress
 * @param interval how often open alerts are matched against the rules
 * @param rules the rules, checked at start-up
 */
@ConfigurationProperties("leakpath.suppression")
public record SuppressionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration interval,
		List<SuppressionRule> rules) {

	public SuppressionProperties {
		rules = rules == null ? List.of() : List.copyOf(rules);
	}

}
