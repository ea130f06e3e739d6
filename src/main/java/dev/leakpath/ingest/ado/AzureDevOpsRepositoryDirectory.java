package dev.leakpath.ingest.ado;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Discovered repositories per organisation, kept for a while, so that re-reading one alert after a
 * service hook does not list every project first. A repository that is not found refreshes the list,
 * at most once in {@link #MIN_REFRESH}.
 */
final class AzureDevOpsRepositoryDirectory {

	private static final Duration TTL = Duration.ofMinutes(10);

	private static final Duration MIN_REFRESH = Duration.ofSeconds(30);

	private final AzureDevOpsDiscovery discovery;

	private final Clock clock;

	private final Map<String, Listing> listings = new ConcurrentHashMap<>();

	AzureDevOpsRepositoryDirectory(AzureDevOpsDiscovery discovery, Clock clock) {
		this.discovery = discovery;
		this.clock = clock;
	}

	/** The repository named by project (id or name) and repository (id or name), case-insensitively. */
	Mono<Optional<AzureDevOpsRepository>> find(String organization, String project, String repository) {
		Listing listing = listing(organization, false);
		return listing.repositories().flatMap(all -> {
			Optional<AzureDevOpsRepository> found = match(all, project, repository);
			if (found.isPresent() || listing.age(clock).compareTo(MIN_REFRESH) < 0) {
				return Mono.just(found);
			}
			return listing(organization, true).repositories().map(fresh -> match(fresh, project, repository));
		});
	}

	private Listing listing(String organization, boolean refresh) {
		return listings.compute(organization, (name, known) -> {
			if (known != null && !refresh && known.age(clock).compareTo(TTL) < 0) {
				return known;
			}
			// failures are not kept: the next call asks again
			Mono<List<AzureDevOpsRepository>> repositories = discovery.repositories(name)
				.cache(value -> TTL, error -> Duration.ZERO, () -> Duration.ZERO);
			return new Listing(repositories, clock.instant());
		});
	}

	private static Optional<AzureDevOpsRepository> match(List<AzureDevOpsRepository> all, String project,
			String repository) {
		return all.stream()
			.filter(candidate -> candidate.projectId().equalsIgnoreCase(project)
					|| candidate.projectName().equalsIgnoreCase(project))
			.filter(candidate -> candidate.id().equalsIgnoreCase(repository) || candidate.name().equalsIgnoreCase(repository))
			.findFirst();
	}

	private record Listing(Mono<List<AzureDevOpsRepository>> repositories, Instant fetchedAt) {

		Duration age(Clock clock) {
			return Duration.between(fetchedAt, clock.instant());
		}

	}

}
