package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedLocation;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.SourceError;
import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.LocationPayload;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Completes an alert with its locations: from the alert itself when it carries them all, otherwise from
 * {@code GET /repos/{owner}/{repo}/secret-scanning/alerts/{number}/locations}.
 */
final class GitHubLocations {

	private static final Logger log = LoggerFactory.getLogger(GitHubLocations.class);

	private static final int PAGE_SIZE = 100;

	private final URI apiUrl;

	private final GitHubClient client;

	private final ObjectMapper mapper;

	GitHubLocations(URI apiUrl, GitHubClient client, ObjectMapper mapper) {
		this.apiUrl = apiUrl;
		this.client = client;
		this.mapper = mapper;
	}

	/**
	 * The alert with all its locations. When they cannot be read, the alert keeps its first location and
	 * an error is added to {@code errors}.
	 */
	Mono<NormalizedAlert> complete(NormalizedRepository repository, AlertPayload payload, List<SourceError> errors) {
		if (GitHubAlertMapper.hasAllLocations(payload)) {
			return Mono.just(GitHubAlertMapper.toAlert(repository, payload, GitHubAlertMapper.firstLocation(payload)));
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
			.map(locations -> GitHubAlertMapper.toAlert(repository, payload, locations));
	}

	private Flux<NormalizedLocation> locations(AlertPayload payload) {
		String url = UriComponentsBuilder.fromUri(apiUrl)
			.path("/repos/{fullName}/secret-scanning/alerts/{number}/locations")
			.queryParam("per_page", PAGE_SIZE)
			.buildAndExpand(payload.repository().fullName(), payload.number())
			.encode()
			.toUriString();
		return client.get(url, null)
			.expand(response -> response.nextUrl() == null ? Mono.empty() : client.get(response.nextUrl(), null))
			.flatMapIterable(GitHubResponse::body)
			.handle((node, sink) -> {
				try {
					LocationPayload location = mapper.treeToValue(node, LocationPayload.class);
					sink.next(GitHubLocationMapper.fromLocation(location, payload.repository().htmlUrl(),
							payload.htmlUrl()));
				}
				catch (JsonProcessingException ex) {
					log.warn("Skipped an unreadable location of GitHub alert {}#{}", payload.repository().fullName(),
							payload.number());
				}
			});
	}

}
