package dev.leakpath.ingest.github;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.NormalizedAlert;
import dev.leakpath.ingest.NormalizedLocation;
import dev.leakpath.ingest.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SourceError;
import dev.leakpath.ingest.SourcePage;
import dev.leakpath.ingest.SyncCursor;
import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.LocationPayload;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Polls {@code GET /orgs/{org}/secret-scanning/alerts}, newest update first, following {@code link}
 * headers; stops after the page that reaches the watermark. Locations are fetched only for alerts whose
 * list item does not carry all of them.
 */
final class GitHubConnector implements SourceConnector {

	private static final Logger log = LoggerFactory.getLogger(GitHubConnector.class);

	private static final int PAGE_SIZE = 100;

	/** From this many unknown repositories on, one org listing is cheaper than a request per repository. */
	private static final int BULK_LISTING_THRESHOLD = 3;

	private final GitHubProperties properties;

	private final GitHubClient client;

	private final GitHubRepositoryClient repositories;

	private final GitHubAlertMapper alerts;

	private final ObjectMapper mapper;

	GitHubConnector(GitHubProperties properties, GitHubClient client, GitHubRepositoryClient repositories,
			ObjectMapper mapper) {
		this.properties = properties;
		this.client = client;
		this.repositories = repositories;
		this.alerts = new GitHubAlertMapper(mapper);
		this.mapper = mapper;
	}

	@Override
	public String provider() {
		return GitHubAlertMapper.PROVIDER;
	}

	@Override
	public Duration pollInterval() {
		return properties.pollInterval();
	}

	@Override
	public List<String> scopes() {
		return properties.organizations();
	}

	@Override
	public Flux<SourcePage> fetchPages(String organization, SyncCursor cursor) {
		Instant watermark = cursor.watermark();
		boolean resumable = cursor.resuming() && onApiHost(cursor.resumePoint());
		if (cursor.resuming() && !resumable) {
			log.warn("Stored resume point for GitHub organisation {} is not on {}; starting the pass again",
					organization, properties.apiUrl());
		}
		Mono<SourcePage> first = resumable
				? fetchPage(organization, cursor.resumePoint(), null, watermark)
					.onErrorResume(PermanentSourceException.class, ex -> restartWhenCursorExpired(organization, ex, watermark))
				: fetchPage(organization, firstPageUrl(organization), cursor.etag(), watermark);
		return first.expand(page -> page.resumePoint() == null ? Mono.empty()
				: fetchPage(organization, page.resumePoint(), null, watermark));
	}

	@Override
	public Mono<List<NormalizedRepository>> fetchRepositories(String organization, Collection<String> fullNames) {
		if (fullNames.isEmpty()) {
			return Mono.just(List.of());
		}
		Mono<List<NormalizedRepository>> listed = fullNames.size() >= BULK_LISTING_THRESHOLD
				? repositories.listOrganization(organization) : Mono.just(List.of());
		return listed.flatMap(found -> {
			Set<String> foundNames = found.stream().map(NormalizedRepository::fullName).collect(Collectors.toSet());
			return Flux.fromIterable(fullNames)
				.filter(name -> !foundNames.contains(name))
				.concatMap(name -> repositories.get(organization, name))
				.flatMapIterable(optional -> optional.map(List::of).orElse(List.of()))
				.collectList()
				.map(single -> {
					List<NormalizedRepository> all = new ArrayList<>(found);
					all.addAll(single);
					return all;
				});
		});
	}

	private Mono<SourcePage> restartWhenCursorExpired(String organization, PermanentSourceException ex, Instant watermark) {
		if (ex.status() == 401 || ex.status() == 403) {
			return Mono.error(ex);
		}
		log.warn("Stored resume point for GitHub organisation {} no longer works ({}); starting the pass again",
				organization, ex.status());
		return fetchPage(organization, firstPageUrl(organization), null, watermark);
	}

	private Mono<GitHubResponse> get(String url, String etag) {
		if (!onApiHost(url)) {
			return Mono.error(new IllegalStateException("Not following a link to " + URI.create(url).getHost()
					+ ": credentials go to the configured API host " + properties.apiUrl().getHost() + " only"));
		}
		return client.get(url, etag);
	}

	/** Credentials go to the configured API host only, whatever a link header or a stored cursor says. */
	private boolean onApiHost(String url) {
		URI target = URI.create(url);
		URI api = properties.apiUrl();
		return api.getScheme().equalsIgnoreCase(target.getScheme()) && api.getHost().equalsIgnoreCase(target.getHost())
				&& api.getPort() == target.getPort();
	}

	private String firstPageUrl(String organization) {
		return UriComponentsBuilder.fromUri(properties.apiUrl())
			.path("/orgs/{org}/secret-scanning/alerts")
			.queryParam("per_page", PAGE_SIZE)
			.queryParam("sort", "updated")
			.queryParam("direction", "desc")
			// an empty cursor asks GitHub for cursor links, which do not shift when alerts disappear mid-pass
			.queryParam("after", "")
			.buildAndExpand(organization)
			.encode()
			.toUriString();
	}

	private Mono<SourcePage> fetchPage(String organization, String url, String etag, Instant watermark) {
		return get(url, etag).flatMap(response -> {
			if (response.notModified()) {
				return Mono.just(SourcePage.notModified(etag, response.rateLimit()));
			}
			if (!response.body().isArray()) {
				return Mono.error(new IllegalStateException("GitHub answered " + url + " with a non-array body"));
			}
			List<SourceError> errors = new ArrayList<>();
			List<AlertPayload> payloads = new ArrayList<>();
			for (JsonNode item : response.body()) {
				try {
					payloads.add(alerts.read(item));
				}
				catch (MalformedAlertException ex) {
					errors.add(new SourceError(item.path("number").asText(null), ex.getMessage()));
				}
			}
			return Flux.fromIterable(payloads)
				.flatMapSequential(payload -> withLocations(organization, payload, errors),
						properties.locationConcurrency())
				.collectList()
				.map(page -> {
					boolean reachedWatermark = watermark != null
							&& page.stream().anyMatch(alert -> alert.changedAt().isBefore(watermark));
					String next = reachedWatermark ? null : response.nextUrl();
					Instant newest = page.stream().map(NormalizedAlert::changedAt).max(Instant::compareTo).orElse(null);
					return new SourcePage(page, errors, next, response.etag(), false, response.rateLimit(), newest);
				});
		});
	}

	private Mono<NormalizedAlert> withLocations(String organization, AlertPayload payload, List<SourceError> errors) {
		if (GitHubAlertMapper.hasAllLocations(payload)) {
			return Mono.just(GitHubAlertMapper.toAlert(organization, payload, GitHubAlertMapper.firstLocation(payload)));
		}
		return locations(payload).collectList()
			.onErrorResume(PermanentSourceException.class, ex -> {
				synchronized (errors) {
					errors.add(new SourceError(String.valueOf(payload.number()), "locations unavailable: " + ex.getMessage(),
							payload.updatedAt() != null ? payload.updatedAt() : payload.createdAt()));
				}
				return Mono.just(Optional.ofNullable(payload.firstLocationDetected())
					.filter(JsonNode::isObject)
					.map(details -> GitHubAlertMapper.firstLocation(payload))
					.orElse(List.of()));
			})
			.map(locations -> GitHubAlertMapper.toAlert(organization, payload, locations));
	}

	private Flux<NormalizedLocation> locations(AlertPayload payload) {
		String url = UriComponentsBuilder.fromUri(properties.apiUrl())
			.path("/repos/{fullName}/secret-scanning/alerts/{number}/locations")
			.queryParam("per_page", PAGE_SIZE)
			.buildAndExpand(payload.repository().fullName(), payload.number())
			.encode()
			.toUriString();
		return get(url, null)
			.expand(response -> response.nextUrl() == null ? Mono.empty() : get(response.nextUrl(), null))
			.flatMapIterable(GitHubResponse::body)
			.handle((node, sink) -> {
				try {
					LocationPayload location = mapper.treeToValue(node, LocationPayload.class);
					sink.next(GitHubLocationMapper.fromLocation(location, payload.repository().htmlUrl()));
				}
				catch (JsonProcessingException ex) {
					log.warn("Skipped an unreadable location of GitHub alert {}#{}", payload.repository().fullName(),
							payload.number());
				}
			});
	}

}
