package dev.leakpath.ticket;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.github.GitHubCredentials;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * GitHub Issues in the alert's own repository, with the credentials of {@code leakpath.github} (they need
 * "Issues: write"). A ticket carries the {@code leakpath} label and a hidden marker with its key in its body; it
 * is found again by listing the repository's {@code leakpath} issues updated since the ticket was planned (the
 * list is read from GitHub's database, not its search index, so an issue just created is in it), and closed or
 * reopened with {@code PATCH .../issues/{number}}, which is the same request however often it is sent.
 */
@Component
class GitHubIssuesTracker implements Tracker {

	/** Pages of 100 issues read when looking for a ticket. */
	private static final int MAX_PAGES = 10;

	/** How far before the ticket was planned an issue it made may look updated: clock skew. */
	private static final Duration SKEW = Duration.ofHours(1);

	/** GitHub's wait after a secondary rate limit that names none. */
	private static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

	private final GitHubCredentials credentials;

	private final TrackerHttp http;

	private final Clock clock;

	GitHubIssuesTracker(GitHubCredentials credentials, TrackerHttp http, Clock clock) {
		this.credentials = credentials;
		this.http = http;
		this.clock = clock;
	}

	@Override
	public String channel() {
		return TicketRule.GITHUB_ISSUES;
	}

	@Override
	public boolean configured() {
		return credentials.configured();
	}

	static String marker(String key) {
		return "<!-- leakpath-ticket: " + key + " -->";
	}

	@Override
	public Mono<TrackedIssue> find(Ticket ticket) {
		Instant since = ticket.createdAt().minus(SKEW).truncatedTo(ChronoUnit.SECONDS);
		String first = repository(ticket) + "/issues?labels=" + TicketKeys.LABEL + "&state=all&since=" + since
				+ "&per_page=100";
		return page(ticket, first, 1);
	}

	private Mono<TrackedIssue> page(Ticket ticket, String url, int number) {
		return call("GET " + path(ticket) + "/issues", HttpMethod.GET, URI.create(url), null).flatMap(response -> {
			for (JsonNode issue : response.body()) {
				// the issues list holds pull requests too
				if (!issue.has("pull_request") && issue.path("body").asText("").contains(marker(ticket.key()))) {
					return Mono.just(issue(issue));
				}
			}
			String next = next(response.header(HttpHeaders.LINK));
			if (next == null || number >= MAX_PAGES || !onApiHost(next)) {
				return Mono.empty();
			}
			return page(ticket, next, number + 1);
		});
	}

	@Override
	public Mono<TrackedIssue> create(Ticket ticket, TicketContent content) {
		Set<String> labels = new LinkedHashSet<>(List.of(TicketKeys.LABEL));
		if (ticket.rule() != null) {
			labels.addAll(ticket.rule().labels());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", content.title());
		body.put("body", markdown(ticket, content));
		body.put("labels", List.copyOf(labels));
		return call("POST " + path(ticket) + "/issues", HttpMethod.POST, URI.create(repository(ticket) + "/issues"), body)
			.map(response -> issue(response.body()));
	}

	@Override
	public Mono<TrackedIssue> setOpen(Ticket ticket, TrackedIssue issue, boolean open) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("state", open ? "open" : "closed");
		body.put("state_reason", open ? "reopened" : ticket.resolvedAs());
		String path = path(ticket) + "/issues/" + issue.externalId();
		return call("PATCH " + path, HttpMethod.PATCH, URI.create(repository(ticket) + "/issues/" + issue.externalId()),
				body)
			.map(response -> issue(response.body()));
	}

	private String markdown(Ticket ticket, TicketContent content) {
		StringBuilder text = new StringBuilder(content.summary()).append("\n\n");
		content.facts().forEach(line -> text.append(line(line)));
		text.append("\n**Alerts**\n\n");
		content.alerts().forEach(line -> text.append(line(line)));
		return text.append('\n').append(marker(ticket.key())).append('\n').toString();
	}

	private static String line(TicketContent.Line line) {
		String value = line.url() == null ? line.text() : "[" + line.text().replace("]", "\\]") + "](" + line.url() + ")";
		return "- **" + line.label() + "**: " + value + "\n";
	}

	private static TrackedIssue issue(JsonNode issue) {
		return new TrackedIssue(issue.path("number").asText(), issue.path("html_url").asText(null),
				"open".equals(issue.path("state").asText()));
	}

	private String repository(Ticket ticket) {
		return credentials.apiUrl().toString().replaceAll("/+$", "") + path(ticket);
	}

	/** {@code /repos/acme/api}, each part path-encoded. */
	private static String path(Ticket ticket) {
		String[] parts = ticket.repository().split("/", 2);
		return "/repos/" + UriUtils.encodePathSegment(parts[0], "UTF-8") + "/"
				+ UriUtils.encodePathSegment(parts[1], "UTF-8");
	}

	private static String next(String link) {
		if (link == null) {
			return null;
		}
		Matcher matcher = NEXT.matcher(link);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** Credentials go to the configured API host only, whatever a link header says. */
	private boolean onApiHost(String url) {
		URI api = credentials.apiUrl();
		URI target = URI.create(url);
		return api.getScheme().equalsIgnoreCase(target.getScheme()) && api.getHost().equalsIgnoreCase(target.getHost())
				&& api.getPort() == target.getPort();
	}

	private Mono<TrackerResponse> call(String what, HttpMethod method, URI uri, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.parseMediaType("application/vnd.github+json")));
		headers.set("X-GitHub-Api-Version", "2022-11-28");
		return credentials.authorizationHeader()
			.onErrorMap(ex -> new TicketException("no GitHub token for " + what + ": " + ex.getClass().getSimpleName(),
					true, null))
			.flatMap(authorization -> http.send(what, method, uri, authorization, headers, body))
			.flatMap(response -> response.ok() ? Mono.just(response) : Mono.error(error(what, response)));
	}

	/**
	 * GitHub uses 403 for rate limits and for missing permissions alike: a 403 or 429 waits when its headers or
	 * message say it is a limit ({@code retry-after}, {@code x-ratelimit-remaining: 0} until
	 * {@code x-ratelimit-reset}, a secondary rate limit), and is final otherwise. 5xx may pass; 404, 410 (issues
	 * turned off) and 422 (a wrong label or field) will not.
	 */
	private TicketException error(String what, TrackerResponse response) {
		int status = response.status();
		String message = response.body().path("message").asText("");
		String prefix = what + " answered " + status + (message.isEmpty() ? "" : ": " + cut(message));
		if (status == 403 || status == 429) {
			Duration retryAfter = response.retryAfter(clock);
			if (retryAfter != null) {
				return new TicketException(prefix, true, retryAfter);
			}
			if ("0".equals(response.header("x-ratelimit-remaining"))) {
				return new TicketException(prefix, true, untilReset(response.header("x-ratelimit-reset")));
			}
			if (status == 429 || message.toLowerCase(Locale.ROOT).contains("secondary rate limit")) {
				return new TicketException(prefix, true, SECONDARY_WAIT);
			}
			return new TicketException(prefix + " (the token or App needs \"Issues: write\" on the repository)", false,
					null);
		}
		return new TicketException(prefix, status >= 500, response.retryAfter(clock));
	}

	private Duration untilReset(String reset) {
		try {
			Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
			return (wait.isNegative() ? Duration.ZERO : wait).plusSeconds(1);
		}
		catch (RuntimeException ex) {
			return SECONDARY_WAIT;
		}
	}

	private static String cut(String message) {
		return message.length() > 200 ? message.substring(0, 199) + "…" : message;
	}

}
