package dev.leakpath.ingest.ado;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.model.AlertReference;
import dev.leakpath.ingest.AlertWriteBack;
import dev.leakpath.ingest.ContextFile;
import dev.leakpath.ingest.FileWindow;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.ingest.RateLimitSnapshot;
import dev.leakpath.ingest.SourceConnector;
import dev.leakpath.ingest.SourceError;
import dev.leakpath.ingest.SourcePage;
import dev.leakpath.ingest.SyncCursor;
import dev.leakpath.owner.ProviderOwners;

/**
 * Polls Azure DevOps Advanced Security: discovers projects and repositories (skipping disabled ones), then
 * lists each repository's secret alerts, following {@code x-ms-continuationtoken}. After the first full
 * pass only alerts modified since the watermark are asked for. The resume point is
 * {@code <repositoryId>|<continuationToken>}.
 */
final class AzureDevOpsConnector implements SourceConnector {

	private static final Logger log = LoggerFactory.getLogger(AzureDevOpsConnector.class);

	private static final String ALERTS_API_VERSION = "7.2-preview.1";

	private final AzureDevOpsProperties properties;

	private final AzureDevOpsClient client;

	private final AzureDevOpsDiscovery discovery;

	private final AzureDevOpsRepositoryDirectory directory;

	private final AzureDevOpsAlertMapper alerts;

	private final Clock clock;

	private final AzureDevOpsAlertWriteBack writeBack;

	private final AzureDevOpsItems items;

	private final AzureDevOpsOwners owners;

	AzureDevOpsConnector(AzureDevOpsProperties properties, AzureDevOpsClient client, ObjectMapper mapper, Clock clock) {
		this.properties = properties;
		this.client = client;
		this.discovery = new AzureDevOpsDiscovery(client, properties.apiUrl(), mapper);
		this.directory = new AzureDevOpsRepositoryDirectory(discovery, clock);
		this.alerts = new AzureDevOpsAlertMapper(mapper);
		this.clock = clock;
		this.writeBack = new AzureDevOpsAlertWriteBack(properties.advsecUrl(), client, mapper);
		this.items = new AzureDevOpsItems(properties.apiUrl());
		this.owners = new AzureDevOpsOwners(client, items);
	}

	@Override
	public String provider() {
		return AzureDevOpsRepository.PROVIDER;
	}

	@Override
	public Optional<AlertWriteBack> writeBack() {
		return Optional.of(writeBack);
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
	public Flux<SourcePage> fetchPages(String organization, String listing, SyncCursor cursor) {
		// one listing: it asks for generic secrets too (criteria.confidenceLevels=high,other, see page())
		if (!DEFAULT_LISTING.equals(listing)) {
			return Flux.error(new IllegalArgumentException("Azure DevOps has no listing " + listing));
		}
		Instant passWatermark = clock.instant().minus(properties.watermarkOverlap());
		return discovery.repositories(organization).flatMapMany(all -> {
			List<AzureDevOpsRepository> repositories = all.stream().filter(repository -> !repository.disabled()).toList();
			log.debug("Azure DevOps {}: {} repositories, {} disabled and skipped", organization, all.size(),
					all.size() - repositories.size());
			ResumePoint resume = ResumePoint.parse(cursor.resumePoint());
			int found = resume == null ? -1 : indexOf(repositories, resume.repositoryId());
			if (resume != null && found < 0) {
				log.warn("Azure DevOps {}: the repository an unfinished pass stopped at is gone; starting again",
						organization);
			}
			int start = Math.max(found, 0);
			String startToken = found < 0 ? null : resume.continuationToken();
			return Flux.range(start, repositories.size() - start)
				.concatMap(index -> repositoryPages(repositories, index, index == start ? startToken : null,
						cursor.watermark(), passWatermark));
		});
	}

	@Override
	public Mono<List<NormalizedRepository>> fetchRepositories(String organization, Collection<String> fullNames) {
		return discovery.repositories(organization)
			.map(repositories -> repositories.stream()
				.map(AzureDevOpsRepository::normalized)
				.filter(repository -> fullNames.contains(repository.fullName()))
				.toList());
	}

	/** {@code reference.repository()} is {@code <project>/<repository>}, each an id or a name. */
	@Override
	public Mono<NormalizedAlert> fetchAlert(AlertReference reference) {
		int slash = reference.repository().indexOf('/');
		if (slash < 0) {
			return Mono.error(new IllegalArgumentException("Azure DevOps repository reference '"
					+ reference.repository() + "' is not <project>/<repository>"));
		}
		String project = reference.repository().substring(0, slash);
		String name = reference.repository().substring(slash + 1);
		return directory.find(reference.scope(), project, name).flatMap(found -> {
			if (found.isEmpty()) {
				return Mono.error(new IllegalStateException("Azure DevOps repository " + reference.scope() + "/"
						+ reference.repository() + " was not found"));
			}
			AzureDevOpsRepository repository = found.get();
			String apiUrl = alertsUrl(repository).build().toString();
			HttpUrl url = alertsUrl(repository).addPathSegment(reference.alertId())
				.addQueryParameter("api-version", ALERTS_API_VERSION)
				.build();
			return client.get(url)
				.filter(response -> "secret".equalsIgnoreCase(response.body().path("alertType").asText("secret")))
				.<NormalizedAlert>handle((response, sink) -> {
					try {
						sink.next(alerts.toAlert(response.body(), repository, apiUrl));
					}
					catch (MalformedAzureDevOpsAlertException ex) {
						sink.error(new IllegalStateException("Azure DevOps alert " + reference.alertId() + " in "
								+ repository.name() + " is unreadable: " + ex.getMessage()));
					}
				});
		}).onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

	/**
	 * Azure DevOps never gives the secret's value: the file at the alert's commit is the only way to find
	 * what it can authenticate to. A window of lines around it is read, in memory.
	 */
	@Override
	public Optional<ContextFile> contextFile(NormalizedAlert alert) {
		NormalizedRepository repository = alert.repository();
		if (repository.providerRepoId() == null || repository.project() == null) {
			return Optional.empty();
		}
		return alert.locations()
			.stream()
			.filter(candidate -> candidate.commitSha() != null && candidate.path() != null && candidate.startLine() != null)
			.findFirst()
			.map(location -> new ContextFile(items.item(repository, location.path())
				.addQueryParameter("versionDescriptor.version", location.commitSha())
				.addQueryParameter("versionDescriptor.versionType", "commit")
				.build()
				.toString(), location.startLine(), location.endLine()));
	}

	@Override
	public Mono<String> readFile(ContextFile file) {
		return client.get(HttpUrl.get(file.address()))
			.flatMap(response -> Mono.justOrEmpty(response.body().path("content").asText(null)))
			.filter(content -> content.length() <= FileWindow.MAX_FILE_CHARACTERS)
			.onErrorResume(PermanentSourceException.class, ex -> Mono.empty());
	}

	@Override
	public Mono<Map<String, ProviderOwners>> fetchOwners(List<NormalizedRepository> repositories) {
		return owners.read(repositories);
	}

	private Flux<SourcePage> repositoryPages(List<AzureDevOpsRepository> repositories, int index, String token,
			Instant modifiedSince, Instant passWatermark) {
		AzureDevOpsRepository repository = repositories.get(index);
		String next = index + 1 < repositories.size() ? ResumePoint.of(repositories.get(index + 1).id(), null) : null;
		return page(repository, token, modifiedSince, next, passWatermark)
			.expand(page -> page.resumePoint() == null || page.resumePoint().equals(next) ? Mono.empty()
					: page(repository, ResumePoint.parse(page.resumePoint()).continuationToken(), modifiedSince, next,
							passWatermark));
	}

	private Mono<SourcePage> page(AzureDevOpsRepository repository, String token, Instant modifiedSince,
			String nextRepository, Instant passWatermark) {
		HttpUrl.Builder url = alertsUrl(repository).addQueryParameter("api-version", ALERTS_API_VERSION)
			.addQueryParameter("criteria.alertType", "secret")
			.addQueryParameter("criteria.confidenceLevels", "high,other")
			.addQueryParameter("top", String.valueOf(properties.pageSize()));
		if (modifiedSince != null) {
			url.addQueryParameter("criteria.modifiedSince", modifiedSince.toString());
		}
		if (token != null) {
			url.addQueryParameter("continuationToken", token);
		}
		String apiUrl = alertsUrl(repository).build().toString();
		return client.get(url.build()).map(response -> {
			List<NormalizedAlert> page = new ArrayList<>();
			List<SourceError> errors = new ArrayList<>();
			for (JsonNode item : response.body().path("value")) {
				try {
					page.add(alerts.toAlert(item, repository, apiUrl));
				}
				catch (MalformedAzureDevOpsAlertException ex) {
					errors.add(new SourceError(item.path("alertId").asText(null), ex.getMessage()));
				}
			}
			String resume = response.continuationToken() != null
					? ResumePoint.of(repository.id(), response.continuationToken()) : nextRepository;
			return new SourcePage(page, errors, resume, null, false, response.rateLimit(), passWatermark);
		}).onErrorResume(PermanentSourceException.class, ex -> notEnabled(repository, ex, nextRepository, passWatermark));
	}

	/** 400 and 404 mean Advanced Security is not enabled on the repository, or it is empty: note it, go on. */
	private Mono<SourcePage> notEnabled(AzureDevOpsRepository repository, PermanentSourceException ex,
			String nextRepository, Instant passWatermark) {
		if (ex.status() != 400 && ex.status() != 404) {
			return Mono.error(ex);
		}
		SourceError error = new SourceError(null, "repository " + repository.projectName() + "/" + repository.name()
				+ " has no readable alerts: " + ex.getMessage());
		return Mono.just(new SourcePage(List.of(), List.of(error), nextRepository, null, false, RateLimitSnapshot.UNKNOWN,
				passWatermark));
	}

	private HttpUrl.Builder alertsUrl(AzureDevOpsRepository repository) {
		return HttpUrl.get(properties.advsecUrl())
			.newBuilder()
			.addPathSegment(repository.organization())
			.addPathSegment(repository.projectId())
			.addPathSegments("_apis/alert/repositories")
			.addPathSegment(repository.id())
			.addPathSegment("alerts");
	}

	private static int indexOf(List<AzureDevOpsRepository> repositories, String id) {
		for (int index = 0; index < repositories.size(); index++) {
			if (repositories.get(index).id().equals(id)) {
				return index;
			}
		}
		return -1;
	}

	/** Where an interrupted pass continues: a repository, and a page within it when the token is set. */
	record ResumePoint(String repositoryId, String continuationToken) {

		static String of(String repositoryId, String continuationToken) {
			return repositoryId + "|" + (continuationToken == null ? "" : continuationToken);
		}

		static ResumePoint parse(String value) {
			if (value == null || !value.contains("|")) {
				return null;
			}
			int bar = value.indexOf('|');
			String token = value.substring(bar + 1);
			return new ResumePoint(value.substring(0, bar), token.isEmpty() ? null : token);
		}

	}

}
