package dev.leakpath.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.ticket.TicketContent.Line;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Jira Data Center over REST API v2 with a personal access token: plain-text descriptions, the classic search, and
 * the same transitions; against {@link FakeJira} in its v2 form, over real HTTP.
 */
class JiraDataCenterTests {

	private static final String PAT = "test-jira-dc-pat-0c9d41";

	private static final FakeJira jira = new FakeJira("2", "Bearer " + PAT);

	private final TicketRule rule = new TicketRule("dc", TicketRule.JIRA, null, null, null, null, null, null, "SEC",
			"Bug", Map.of(), List.of("secret-scanning"), null, null);

	@AfterAll
	static void stop() {
		jira.server().stop();
	}

	@Test
	void createThenFindByLabelThenCloseAndReopenWithBearerAndPlainText() {
		JiraTracker tracker = tracker(PAT);
		Ticket ticket = ticket();

		assertThat(tracker.find(ticket).block()).isNull();
		TrackedIssue created = tracker.create(ticket, content()).block();

		assertThat(created).isEqualTo(new TrackedIssue("SEC-1", jira.baseUrl() + "/browse/SEC-1", true));
		assertThat(jira.issues().get("SEC-1").get("fields").get("description").asText())
			.startsWith("Rotate the secret.").contains("- Repository: acme/api (github)")
			.contains("- Alert #7: acme/api at app.yml:3 (open) https://github.com/acme/api/security/secret-scanning/7");
		assertThat(tracker.find(ticket).block()).isEqualTo(created);

		assertThat(tracker.setOpen(ticket, created, false).block().open()).isFalse();
		assertThat(jira.statusOf("SEC-1")).isEqualTo("Done");
		// already closed: its status is read, no transition is made
		long transitions = jira.requests("POST", "/rest/api/2/issue/SEC-1/transitions");
		assertThat(tracker.setOpen(ticket, created, false).block().open()).isFalse();
		assertThat(jira.requests("POST", "/rest/api/2/issue/SEC-1/transitions")).isEqualTo(transitions);
		assertThat(tracker.setOpen(ticket, created, true).block().open()).isTrue();
		assertThat(jira.statusOf("SEC-1")).isEqualTo("To Do");
		assertThat(jira.requests("POST", "/rest/api/2/search")).isEqualTo(2);
	}

	@Test
	void wrongTokenThenAFinalErrorNamingNoCredential() {
		JiraTracker tracker = tracker("not-the-token");

		assertThatThrownBy(() -> tracker.find(ticket()).block()).isInstanceOfSatisfying(TicketException.class, ex -> {
			assertThat(ex.retryable()).isFalse();
			assertThat(ex.getMessage()).isEqualTo("POST /rest/api/2/search answered 401: Jira refused the credentials")
				.doesNotContain("not-the-token");
		});
	}

	@Test
	void unknownIssueThenAFinalErrorWithJirasMessage() {
		assertThatThrownBy(() -> tracker(PAT).setOpen(ticket(), new TrackedIssue("SEC-404", null, true), false).block())
			.isInstanceOfSatisfying(TicketException.class, ex -> assertThat(ex.getMessage())
				.isEqualTo("GET /rest/api/2/issue/SEC-404 answered 404: Issue does not exist or you do not have "
						+ "permission to see it."));
	}

	private JiraTracker tracker(String token) {
		TicketProperties properties = new TicketProperties(true, null, List.of(), new TicketProperties.Jira(
				URI.create(jira.baseUrl()), "data-center", null, null, null, token, null), null, 0, 0, 0, null, null,
				null);
		return new JiraTracker(properties, new TrackerHttp(WebClient.builder(), new ObjectMapper()), Clock.systemUTC());
	}

	private Ticket ticket() {
		return new Ticket(1, 1, rule, rule.name(), TicketRule.JIRA, "0123456789abcdef01234567", TicketRule.PER_ALERT,
				"acme/api", null, null, null, null, Instant.now(), 0, true, "completed");
	}

	private static TicketContent content() {
		return new TicketContent("Exposed npm access token in acme/api (alert #7)", "Rotate the secret.",
				List.of(new Line("Repository", "acme/api (github)", null)),
				List.of(new Line("Alert #7", "acme/api at app.yml:3 (open)",
						"https://github.com/acme/api/security/secret-scanning/7")),
				Map.of());
	}

}
