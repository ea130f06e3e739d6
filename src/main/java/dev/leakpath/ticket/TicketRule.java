package dev.leakpath.ticket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which alerts get a ticket, and what the ticket looks like.
 *
 * @param name shown on each ticket it made; part of each ticket's key, so renaming a rule starts new tickets
 * @param channel {@code jira} or {@code github-issues} (an issue in the alert's own GitHub repository)
 * @param per {@code alert} (the default): one ticket per alert; {@code secret}: one per secret (for GitHub
 * Issues, per secret and repository), closed when all its alerts are resolved. An alert without a secret (Azure
 * DevOps never sends one) gets a ticket of its own
 * @param providers, organizations, repositories, secretTypes conditions on the alert; empty: any
 * @param minRisk only alerts at or above this risk level when they open ({@code low} … {@code critical})
 * @param project Jira: the project key
 * @param issueType Jira: the issue type's name ({@code Bug}, {@code Task}, …)
 * @param fields Jira: more fields to set, by field id ({@code priority: {name: High}}, {@code customfield_10042:
 * "{repository}"}); text may hold {@code {repository}}, {@code {organization}}, {@code {provider}},
 * {@code {secretType}}, {@code {riskLevel}}, {@code {alertUrl}}, {@code {leakpathUrl}}
 * @param labels labels to add, beside {@code leakpath} and the ticket's key label
 * @param closeTransition Jira: the transition that closes, by name; default the first into a Done status
 * @param reopenTransition Jira: the transition that reopens, by name; default the first out of Done
 */
public record TicketRule(String name, String channel, String per, List<String> providers, List<String> organizations,
		List<String> repositories, List<String> secretTypes, String minRisk, String project, String issueType,
		Map<String, Object> fields, List<String> labels, String closeTransition, String reopenTransition) {

	public static final String JIRA = "jira";

	public static final String GITHUB_ISSUES = "github-issues";

	public static final String PER_ALERT = "alert";

	public static final String PER_SECRET = "secret";

	public TicketRule {
		per = per == null || per.isBlank() ? PER_ALERT : per;
		providers = orEmpty(providers);
		organizations = orEmpty(organizations);
		repositories = orEmpty(repositories);
		secretTypes = orEmpty(secretTypes);
		labels = orEmpty(labels);
		fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	boolean perSecret() {
		return PER_SECRET.equals(per);
	}

	private static List<String> orEmpty(List<String> values) {
		return values == null ? List.of() : List.copyOf(values);
	}

}
