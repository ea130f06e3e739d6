package dev.leakpath.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding of {@code leakpath.tickets} with no application context, and the start-up checks of its rules. */
class TicketPropertiesTests {

	@Test
	void bindThenNestedFieldsAndListsReachJiraAsJsonAndTokensStayOutOfToString() {
		TicketProperties properties = bind(Map.of("leakpath.tickets.jira.url", "https://acme.atlassian.net",
				"leakpath.tickets.jira.api-token", "s3cr3t-token-value", "leakpath.tickets.jira.email", "bot@acme.example",
				"leakpath.tickets.rules[0].name", "r", "leakpath.tickets.rules[0].channel", "jira",
				"leakpath.tickets.rules[0].fields.priority.name", "High",
				"leakpath.tickets.rules[0].fields.components[0].name", "{repository}",
				"leakpath.tickets.rules[0].fields.components[1].name", "secrets"));

		Object fields = JiraFields.fill(properties.rules().get(0).fields(), Map.of("repository", "acme/api"));

		assertThat(fields).isEqualTo(Map.of("priority", Map.of("name", "High"), "components",
				List.of(Map.of("name", "acme/api"), Map.of("name", "secrets"))));
		assertThat(properties.rules().get(0).per()).isEqualTo("alert");
		assertThat(properties.jira().cloud()).isTrue();
		assertThat(properties.toString()).contains("apiToken=(set)").doesNotContain("s3cr3t-token-value");
		assertThat(JiraCredentials.of(properties.jira()).toString()).doesNotContain("s3cr3t");
		assertThat(properties.active()).isTrue();
	}

	@Test
	void rulesWhenWrongThenStartUpStopsNamingTheRule() {
		assertProblem(rule("jira", null, null, Map.of()), "rule 'r': a Jira rule needs project (a project key) and issue-type");
		assertProblem(rule("pager", "SEC", "Bug", Map.of()), "rule 'r': channel must be jira or github-issues");
		assertProblem(rule("jira", "SEC", "Bug", Map.of("customfield_1", "{secret}")),
				"rule 'r': fields name an unknown placeholder {secret}");
		assertProblem(rule("github-issues", "SEC", null, Map.of()), "rule 'r': project, issue-type, fields and the "
				+ "transitions are Jira's");
		assertThatThrownBy(() -> new TicketRules(properties(rule("jira", "SEC", "Bug", Map.of())), List.of()))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("channel 'jira' is not set up (leakpath.tickets.jira.url)");
	}

	private static void assertProblem(TicketRule rule, String problem) {
		assertThatThrownBy(() -> new TicketRules(properties(rule), List.of(new Configured("jira"),
				new Configured("github-issues"))))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("leakpath.tickets.rules holds a wrong rule: " + problem);
	}

	private static TicketRule rule(String channel, String project, String issueType, Map<String, Object> fields) {
		return new TicketRule("r", channel, null, null, null, null, null, null, project, issueType, fields, null, null,
				null);
	}

	private static TicketProperties properties(TicketRule rule) {
		return new TicketProperties(true, null, List.of(rule), null, null, 0, 0, 0, null, null, null);
	}

	private static TicketProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bind("leakpath.tickets", TicketProperties.class)
			.get();
	}

	/** A channel that is set up, for the checks of rules; it is never called. */
	private record Configured(String channel) implements Tracker {

		@Override
		public boolean configured() {
			return true;
		}

		@Override
		public Mono<TrackedIssue> find(Ticket ticket) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<TrackedIssue> create(Ticket ticket, TicketContent content) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<TrackedIssue> setOpen(Ticket ticket, TrackedIssue issue, boolean open) {
			return Mono.error(new UnsupportedOperationException());
		}

	}

}
