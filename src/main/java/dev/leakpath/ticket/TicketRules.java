package dev.leakpath.ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The ticket rules of config, checked at start-up: a rule naming an unknown channel, a channel that is not set up,
 * a Jira rule without project or issue type, or an unknown placeholder stops the application with one line saying
 * so. Says which rules an alert that opens calls for.
 */
@Component
class TicketRules {

	private static final String SETTING = "leakpath.tickets.rules";

	static final List<String> RISKS = List.of("low", "medium", "high", "critical");

	static final Set<String> PLACEHOLDERS = Set.of("repository", "organization", "provider", "secretType",
			"riskLevel", "alertUrl", "leakpathUrl");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

	/** Jira labels hold no spaces; a rule's extra labels become labels as they are. */
	private static final Pattern LABEL = Pattern.compile("[^\\s]{1,255}");

	private final List<TicketRule> rules;

	TicketRules(TicketProperties properties, List<Tracker> trackers) {
		Set<String> configured = new HashSet<>();
		trackers.stream().filter(Tracker::configured).forEach(tracker -> configured.add(tracker.channel()));
		Set<String> names = new HashSet<>();
		for (TicketRule rule : properties.rules()) {
			String problem = problem(rule, configured);
			if (problem != null) {
				throw new InvalidSettingException(SETTING, "holds a wrong rule: " + problem);
			}
			if (!names.add(rule.name())) {
				throw new InvalidSettingException(SETTING, "has two rules named '" + rule.name() + "'");
			}
		}
		this.rules = properties.rules();
	}

	List<TicketRule> all() {
		return rules;
	}

	Optional<TicketRule> named(String name) {
		return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
	}

	/** The rules whose conditions the alert meets; GitHub Issues take GitHub alerts only. */
	List<TicketRule> matching(ChangedAlert alert) {
		List<TicketRule> matching = new ArrayList<>();
		for (TicketRule rule : rules) {
			if (matches(rule, alert)) {
				matching.add(rule);
			}
		}
		return matching;
	}

	private static boolean matches(TicketRule rule, ChangedAlert alert) {
		return (!rule.channel().equals(TicketRule.GITHUB_ISSUES) || "github".equals(alert.provider()))
				&& (rule.providers().isEmpty() || rule.providers().contains(alert.provider()))
				&& (rule.organizations().isEmpty() || rule.organizations().contains(alert.organization()))
				&& (rule.repositories().isEmpty() || rule.repositories().contains(alert.repository()))
				&& (rule.secretTypes().isEmpty() || rule.secretTypes().contains(alert.secretType()))
				&& (rule.minRisk() == null || RISKS.indexOf(alert.riskLevel()) >= RISKS.indexOf(rule.minRisk()));
	}

	private static String problem(TicketRule rule, Set<String> configured) {
		if (!StringUtils.hasText(rule.name()) || rule.name().length() > 100) {
			return "every rule needs a name of 1 to 100 characters";
		}
		String where = "rule '" + rule.name() + "': ";
		if (!List.of(TicketRule.JIRA, TicketRule.GITHUB_ISSUES).contains(rule.channel())) {
			return where + "channel must be jira or github-issues";
		}
		if (!configured.contains(rule.channel())) {
			return where + "channel '" + rule.channel() + "' is not set up ("
					+ (rule.channel().equals(TicketRule.JIRA) ? "leakpath.tickets.jira.url"
							: "leakpath.github.token or leakpath.github.app")
					+ ")";
		}
		if (!List.of(TicketRule.PER_ALERT, TicketRule.PER_SECRET).contains(rule.per())) {
			return where + "per must be alert or secret";
		}
		if (rule.minRisk() != null && !RISKS.contains(rule.minRisk())) {
			return where + "min-risk must be one of " + RISKS;
		}
		for (String label : rule.labels()) {
			if (label == null || !LABEL.matcher(label).matches()) {
				return where + "labels hold one without text or with a space; Jira labels have no spaces";
			}
		}
		if (rule.channel().equals(TicketRule.JIRA)) {
			if (!StringUtils.hasText(rule.project()) || !StringUtils.hasText(rule.issueType())) {
				return where + "a Jira rule needs project (a project key) and issue-type";
			}
			return unknownPlaceholder(where, rule.fields());
		}
		if (!rule.fields().isEmpty() || rule.project() != null || rule.issueType() != null
				|| rule.closeTransition() != null || rule.reopenTransition() != null) {
			return where + "project, issue-type, fields and the transitions are Jira's; a github-issues rule takes "
					+ "labels only";
		}
		return null;
	}

	private static String unknownPlaceholder(String where, Object value) {
		if (value instanceof Map<?, ?> map) {
			for (Object nested : map.values()) {
				String problem = unknownPlaceholder(where, nested);
				if (problem != null) {
					return problem;
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (Object nested : list) {
				String problem = unknownPlaceholder(where, nested);
				if (problem != null) {
					return problem;
				}
			}
		}
		else if (value instanceof String text) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				if (!PLACEHOLDERS.contains(matcher.group(1))) {
					return where + "fields name an unknown placeholder {" + matcher.group(1) + "}; known: "
							+ PLACEHOLDERS.stream().sorted().toList();
				}
			}
		}
		return null;
	}

}
