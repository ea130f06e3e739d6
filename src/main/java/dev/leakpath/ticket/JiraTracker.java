package dev.leakpath.ticket;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Jira Cloud over REST API v3 or Jira Data Center over v2. A ticket is found by its key label with JQL
 * ({@code POST /rest/api/3/search/jql}, {@code POST /rest/api/2/search}), opened with {@code POST .../issue}, and
 * closed or reopened with a transition ({@code GET} then {@code POST .../issue/{key}/transitions}) after its status
 * is read, so a transition already made, by leakpath or by a person, is not made again.
 */
@Component
class JiraTracker implements Tracker {

	private static final String DONE = "done";

	private final TicketProperties.Jira jira;

	private final JiraCredentials credentials;

	private final TrackerHttp http;

	private final Clock clock;

	private final String api;

	JiraTracker(TicketProperties properties, TrackerHttp http, Clock clock) {
		this.jira = properties.jira();
		this.credentials = jira.configured() ? JiraCredentials.of(jira) : null;
		this.http = http;
		this.clock = clock;
		this.api = jira.cloud() ? "/rest/api/3" : "/rest/api/2";
	}

	@Override
	public String channel() {
		return TicketRule.JIRA;
	}

	@Override
	public boolean configured() {
		return credentials != null;
	}

	@Override
	public Mono<TrackedIssue> find(Ticket ticket) {
		if (ticket.rule() == null) {
			return Mono.error(new TicketException("rule '" + ticket.ruleName() + "' is no longer configured: its "
					+ "project is unknown", false, null));
		}
		// Cloud's enhanced search; Data Center has only the classic one. Both take a bounded JQL query.
		String path = jira.cloud() ? api + "/search/jql" : api + "/search";
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jql", "project = " + quoted(ticket.rule().project()) + " AND labels = "
				+ quoted(TicketKeys.label(ticket.key())));
		body.put("fields", List.of("status"));
		body.put("maxResults", 1);
		return call("POST " + path, HttpMethod.POST, path, body).flatMap(response -> {
			JsonNode issues = response.body().path("issues");
			if (!issues.isArray() || issues.isEmpty()) {
				return Mono.empty();
			}
			return Mono.just(issue(issues.get(0)));
		});
	}

	@Override
	public Mono<TrackedIssue> create(Ticket ticket, TicketContent content) {
		TicketRule rule = ticket.rule();
		Map<String, Object> fields = new LinkedHashMap<>();
		rule.fields().forEach((name, value) -> fields.put(name, JiraFields.fill(value, content.values())));
		fields.put("project", Map.of("key", rule.project()));
		fields.put("issuetype", Map.of("name", rule.issueType()));
		// Jira's summary is at most 255 characters
		fields.put("summary", content.title().length() > 255 ? content.title().substring(0, 254) + "…" : content.title());
		fields.put("description", jira.cloud() ? JiraDescriptions.adf(content) : JiraDescriptions.plain(content));
		Set<String> labels = new LinkedHashSet<>(List.of(TicketKeys.LABEL, TicketKeys.label(ticket.key())));
		labels.addAll(rule.labels());
		fields.put("labels", List.copyOf(labels));
		String path = api + "/issue";
		return call("POST " + path, HttpMethod.POST, path, Map.of("fields", fields)).map(response -> {
			String key = response.body().path("key").asText(null);
			if (key == null) {
				throw new TicketException("POST " + path + " answered " + response.status() + " without an issue key",
						false, null);
			}
			return new TrackedIssue(key, browse(key), true);
		});
	}

	@Override
	public Mono<TrackedIssue> setOpen(Ticket ticket, TrackedIssue issue, boolean open) {
		String path = api + "/issue/" + issue.externalId();
		return call("GET " + path, HttpMethod.GET, path + "?fields=status", null).flatMap(response -> {
			TrackedIssue now = issue(response.body());
			if (now.open() == open) {
				return Mono.just(now);
			}
			return transitions(ticket, now, open);
		});
	}

	private Mono<TrackedIssue> transitions(Ticket ticket, TrackedIssue issue, boolean open) {
		String path = api + "/issue/" + issue.externalId() + "/transitions";
		String wanted = ticket.rule() == null ? null
				: open ? ticket.rule().reopenTransition() : ticket.rule().closeTransition();
		return call("GET " + path, HttpMethod.GET, path, null).flatMap(response -> {
			String id = pick(response.body().path("transitions"), open, wanted);
			if (id == null) {
				return Mono.error(new TicketException("issue " + issue.externalId() + " has no transition "
						+ (wanted != null ? "named '" + wanted + "'" : open ? "out of Done" : "into Done")
						+ " for leakpath's user", false, null));
			}
			return call("POST " + path, HttpMethod.POST, path, Map.of("transition", Map.of("id", id)))
				.thenReturn(new TrackedIssue(issue.externalId(), issue.url(), open));
		});
	}

	/** The named transition, else the first into Done (to close) or, reopening, the first to To Do or else out of Done. */
	private static String pick(JsonNode transitions, boolean open, String wanted) {
		List<JsonNode> candidates = new ArrayList<>();
		transitions.forEach(candidates::add);
		if (wanted != null) {
			return candidates.stream().filter(t -> wanted.equalsIgnoreCase(t.path("name").asText()))
				.map(t -> t.path("id").asText()).findFirst().orElse(null);
		}
		if (!open) {
			return candidates.stream().filter(t -> DONE.equals(category(t.path("to"))))
				.map(t -> t.path("id").asText()).findFirst().orElse(null);
		}
		return candidates.stream().filter(t -> "new".equals(category(t.path("to"))))
			.map(t -> t.path("id").asText())
			.findFirst()
			.orElse(candidates.stream().filter(t -> !DONE.equals(category(t.path("to"))))
				.map(t -> t.path("id").asText()).findFirst().orElse(null));
	}

	private TrackedIssue issue(JsonNode issue) {
		String key = issue.path("key").asText();
		return new TrackedIssue(key, browse(key), !DONE.equals(category(issue.path("fields").path("status"))));
	}

	/** A status's category key: {@code new}, {@code indeterminate} or {@code done}. */
	private static String category(JsonNode status) {
		return status.path("statusCategory").path("key").asText("");
	}

	private String browse(String key) {
		return site() + "/browse/" + key;
	}

	private String site() {
		return jira.url().toString().replaceAll("/+$", "");
	}

	private Mono<TrackerResponse> call(String what, HttpMethod method, String pathAndQuery, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		return http.send(what, method, URI.create(site() + pathAndQuery), credentials.header(), headers, body)
			.flatMap(response -> response.ok() ? Mono.just(response) : Mono.error(error(what, response)));
	}

	/**
	 * 429 and 5xx may pass (after the {@code Retry-After} Jira gives: its rate limits and some 503s send one);
	 * anything else will not: a refused credential, a missing permission or project, a wrong field.
	 */
	private TicketException error(String what, TrackerResponse response) {
		int status = response.status();
		String prefix = what + " answered " + status;
		if (status == 429 || status >= 500) {
			return new TicketException(prefix, true, response.retryAfter(clock));
		}
		if (status == 401) {
			return new TicketException(prefix + ": Jira refused the credentials", false, null);
		}
		String reasons = reasons(response.body());
		return new TicketException(prefix + (reasons.isEmpty() ? "" : ": " + reasons), false, null);
	}

	/** Jira's {@code errorMessages} and {@code errors} (by field), cut to 300 characters. */
	private static String reasons(JsonNode body) {
		List<String> reasons = new ArrayList<>();
		body.path("errorMessages").forEach(message -> reasons.add(message.asText()));
		Iterator<Map.Entry<String, JsonNode>> errors = body.path("errors").fields();
		while (errors.hasNext()) {
			Map.Entry<String, JsonNode> error = errors.next();
			reasons.add(error.getKey() + ": " + error.getValue().asText());
		}
		String joined = String.join("; ", reasons);
		return joined.length() > 300 ? joined.substring(0, 299) + "…" : joined;
	}

	/** A JQL string literal. */
	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
