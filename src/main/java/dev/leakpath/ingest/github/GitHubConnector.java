package dev.leakpath.ingest.github;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.model.AlertReference;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.SecretRevocation;
import dev.leakpath.ingest.ContextFile;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.owner.ProviderOwners;
import dev.leakpath.ingest.SourceError;
import dev.leakpath.ingest.SourcePage;
import dev.leakpath.ingest.SyncCursor;
import dev.leakpath.ingest.github.payload.AlertPayload;
import dev.leakpath.ingest.github.payload.RepositoryPayload;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Polls {@code GET /orgs/{org}/secret-scanning/alerts}, newest update first, following {@code link}
 * headers; stops after the page that reaches the watermark. Locations are fetched only for alerts whose
 * list item does not carry all of them. Two listings: the default one, and the {@code generic} one, which
 * names the generic secret types in {@code secret_type} because the default one leaves them out.
 */
final class GitHubConnector implements SourceConnector {

	private static final Logger log = LoggerFactory.getLogger(GitHubConnector.class);

	/** The listing of the generic (non-provider) secret types, which GitHub lists only when named. */
	private static final String GENERIC_LISTING = "generic";

	private static final int PAGE_SIZE = 100;

	/** From this many unknown repositories on, one org listing is cheaper than a request per repository. */
	private static final int BULK_LISTING_THRESHOLD = 3;

	private final GitHubProperties properties;

	private final GitHubClient client;

	private final GitHubRepositoryClient repositories;

	private final GitHubAlertMapper alerts;

	private final GitHubLocations locations;

	private final GitHubFileContext files;

	private final GitHubOwners owners;

	private final GitHubAlertWriteBack writeBack;

	private final GitHubSecretRevocation revocation;

	GitHubConnector(GitHubProperties properties, GitHubClient client, GitHubRepositoryClient repositories,
			ObjectMapper mapper) {
		this.properties = properties;
		this.client = client;
		this.repositories = repositories;
		this.alerts = new GitHubAlertMapper(mapper);
		this.locations = new GitHubLocations(properties.apiUrl(), client, mapper);
		this.files = new GitHubFileContext(properties.apiUrl(), client);
		this.owners = new GitHubOwners(properties.apiUrl(), client);
		this.writeBack = new GitHubAlertWriteBack(properties.apiUrl(), client, mapper);
		this.revocation = new GitHubSecretRevocation(properties.apiUrl(), client, writeBack, mapper);
	}

	@Override
	public String provider() {
		return GitHubAlertMapper.PROVIDER;
	}

	@Override
	public Optional<AlertWriteBack> writeBack() {
		return Optional.of(writeBack);
	}

	@Override
	public Optional<SecretRevocation> revocation() {
		return Optional.of(revocation);
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
	public List<String> listings() {
		return properties.genericSecretTypes().isEmpty() ? List.of(DEFAULT_LISTING)
				: List.of(DEFAULT_LISTING, GENERIC_LISTING);
	}

	@Override
	public Flux<SourcePage> fetchPages(String organization, String listing, SyncCursor cursor) {
		if (!listings().contains(listing)) {
			return Flux.error(new IllegalArgumentException("GitHub has no listing " + listing + " configured"));
		}
		Instant watermark = cursor.watermark();
		boolean resumable = cursor.resuming() && client.onApiHost(cursor.resumePoint());
		if (cursor.resuming() && !resumable) {
			log.warn("Stored resume point for GitHub organisation {} is not on {}; starting the pass again",
					organization, properties.apiUrl());
		}
		Mono<SourcePage> first = resumable
				? fetchPage(organization, cursor.resumePoint(), null, watermark)
					.onErrorResume(PermanentSourceException.class,
							ex -> restartWhenCursorExpired(organization, listing, ex, watermark))
				: fetchPage(organization, firstPageUrl(organization, listing), cursor.etag(), watermark);
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

	@Override
	public Mono<NormalizedAlert> fetchAlert(AlertReference reference) {
		String url = UriComponentsBuilder.fromUri(properties.apiUrl())
			.path("/repos/{fullName}/secret-scanning/alerts/{number}")
			.buildAndExpand(reference.repository(), reference.alertId())
			.encode()
			.toUriString();
		NormalizedRepository repository = reference.repositoryHint() != null ? reference.repositoryHint()
				: GitHubAlertMapper.repository(reference.scope(),
						new RepositoryPayload(null, null, reference.repository(), null, null));
		List<SourceError> errors = new ArrayList<>();
		return client.get(url, null)
			.flatMap(response -> {
				try {
					return Mono.just(alerts.read(response.body(), summary(repository)));
				}
				catch (MalformedAlertException ex) {
					return Mono.error(new IllegalStateException("GitHub alert " + reference.repository() + "#"
							+ reference.alertId() + " is unreadable: " + ex.getMessage()));
				}
			})
			.flatMap(payload -> locations.complete(repository, payload, errors))
			.doOnNext(alert -> errors.forEach(error -> log.warn("GitHub alert {}#{}: {}", reference.repository(),
					reference.alertId(), error.message())))
			.onErrorResume(PermanentSourceException.class,
					ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

	@Override
	public Optional<ContextFile> contextFile(NormalizedAlert alert) {
		return files.locate(alert);
	}

	@Override
	public Mono<String> readFile(ContextFile file) {
		return files.read(file);
	}

	@Override
	public int ownerBatchSize() {
		return GitHubOwnersQuery.BATCH_SIZE;
	}

	@Override
	public Mono<Map<String, ProviderOwners>> fetchOwners(List<NormalizedRepository> repositories) {
		return owners.read(repositories);
	}

	private static RepositoryPayload summary(NormalizedRepository repository) {
		String fullName = repository.fullName();
		String webUrl = repository.url();
		return new RepositoryPayload(repository.providerRepoId() == null ? null : Long.valueOf(repository.providerRepoId()),
				repository.name(), fullName, repository.visibility() == null ? null : !"public".equals(repository.visibility()),
				webUrl);
	}

	private Mono<SourcePage> restartWhenCursorExpired(String organization, String listing, PermanentSourceException ex,
			Instant watermark) {
		if (ex.status() == 401 || ex.status() == 403) {
			return Mono.error(ex);
		}
		log.warn("Stored resume point for GitHub organisation {} no longer works ({}); starting the pass again",
				organization, ex.status());
		return fetchPage(organization, firstPageUrl(organization, listing), null, watermark);
	}

	private String firstPageUrl(String organization, String listing) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUri(properties.apiUrl())
			.path("/orgs/{org}/secret-scanning/alerts")
			.queryParam("per_page", PAGE_SIZE)
			.queryParam("sort", "updated")
			.queryParam("direction", "desc")
			// an empty cursor asks GitHub for cursor links, which do not shift when alerts disappear mid-pass
			.queryParam("after", "");
		if (GENERIC_LISTING.equals(listing)) {
			url.queryParam("secret_type", String.join(",", properties.genericSecretTypes()));
		}
		return url.buildAndExpand(organization).encode().toUriString();
	}

	private Mono<SourcePage> fetchPage(String organization, String url, String etag, Instant watermark) {
		return client.get(url, etag).flatMap(response -> {
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
				.flatMapSequential(payload -> locations.complete(
						GitHubAlertMapper.repository(organization, payload.repository()), payload, errors),
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

}
