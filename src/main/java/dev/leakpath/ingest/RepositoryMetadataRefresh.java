package dev.leakpath.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.repository.RepositoryStore;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Reads repository metadata the store does not have fresh, and works out owners not worked out within the same
 * TTL. A nicety: failing is logged, never raised.
 */
@Component
class RepositoryMetadataRefresh {

	private static final Logger log = LoggerFactory.getLogger(RepositoryMetadataRefresh.class);

	private final RepositoryStore repositories;

	private final SyncProperties properties;

	private final Clock clock;

	private final GraphMaintenance graph;

	private final OwnerRefresh owners;

	private final TransactionalOperator transaction;

	RepositoryMetadataRefresh(RepositoryStore repositories, SyncProperties properties, Clock clock,
			GraphMaintenance graph, OwnerRefresh owners, TransactionalOperator transaction) {
		this.repositories = repositories;
		this.graph = graph;
		this.owners = owners;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
	}

	Mono<Void> refresh(SourceConnector connector, String scope, Collection<NormalizedAlert> alerts) {
		Set<String> names = alerts.stream().map(alert -> alert.repository().fullName()).collect(Collectors.toSet());
		if (names.isEmpty()) {
			return Mono.empty();
		}
		Duration ttl = properties.repositoryMetadataTtl();
		Instant notBefore = clock.instant().minus(ttl);
		return refreshMetadata(connector, scope, names, notBefore)
			.then(refreshOwners(connector, scope, alerts, names, notBefore));
	}

	private Mono<Void> refreshMetadata(SourceConnector connector, String scope, Set<String> names, Instant notBefore) {
		return repositories.withFreshMetadata(connector.provider(), names, notBefore)
			.map(fresh -> names.stream().filter(name -> !fresh.contains(name)).collect(Collectors.toSet()))
			.filter(stale -> !stale.isEmpty())
			.flatMap(stale -> connector.fetchRepositories(scope, stale)
				// visibility decides which paths have a public entry: they change with it
				.flatMap(fetched -> transaction.transactional(repositories.upsertAll(fetched)
					.flatMap(ids -> graph.repositoriesChanged(ids.values()).thenReturn(ids)))
					.flatMap(ids -> owners.refresh(connector, fetched, ids)))
				.then(repositories.markMetadataRequested(connector.provider(), stale)))
			.onErrorResume(ex -> {
				log.warn("{} {}: could not read repository metadata: {}", connector.provider(), scope, ex.getMessage());
				return Mono.empty();
			})
			.then();
	}

	/**
	 * Owners of repositories whose metadata needed no read (it came with the alerts, as Azure DevOps's does, or
	 * is fresh) but whose owners were not worked out within the TTL.
	 */
	private Mono<Void> refreshOwners(SourceConnector connector, String scope, Collection<NormalizedAlert> alerts,
			Set<String> names, Instant notBefore) {
		return repositories.withStaleOwners(connector.provider(), names, notBefore)
			.filter(stale -> !stale.isEmpty())
			.flatMap(stale -> {
				Map<String, NormalizedRepository> known = new LinkedHashMap<>();
				alerts.stream().map(NormalizedAlert::repository).filter(repository -> stale.containsKey(repository.fullName()))
					.forEach(repository -> known.putIfAbsent(repository.fullName(), repository));
				return owners.refresh(connector, known.values(), stale);
			})
			.onErrorResume(ex -> {
				log.warn("{} {}: could not work out repository owners: {}", connector.provider(), scope, ex.getMessage());
				return Mono.empty();
			});
	}

}
