package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.owner.OwnerResolution;
import dev.leakpath.owner.OwnerStore;
import dev.leakpath.owner.ProviderOwners;
import dev.leakpath.owner.ResolvedOwners;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Works out the owners of repositories whose metadata was just read, and stores them. A repository the
 * config maps costs no request; the others are asked of their provider in its batches (on GitHub one GraphQL
 * query per 20 repositories, and a teams read for each without CODEOWNERS; on Azure DevOps up to 3 CODEOWNERS
 * reads each). A failure leaves config and fallback owners for the batch, and is logged.
 */
@Component
class OwnerRefresh {

	private static final Logger log = LoggerFactory.getLogger(OwnerRefresh.class);

	private static final int CONCURRENCY = 4;

	private final OwnerResolution resolution;

	private final OwnerStore store;

	private final TransactionalOperator transaction;

	OwnerRefresh(OwnerResolution resolution, OwnerStore store, TransactionalOperator transaction) {
		this.resolution = resolution;
		this.store = store;
		this.transaction = transaction;
	}

	/** @param ids the stored repositories' ids by full name */
	Mono<Void> refresh(SourceConnector connector, Collection<NormalizedRepository> repositories, Map<String, Long> ids) {
		List<NormalizedRepository> asked = new ArrayList<>();
		List<Found> known = new ArrayList<>();
		for (NormalizedRepository repository : repositories) {
			if (!ids.containsKey(repository.fullName())) {
				continue;
			}
			ResolvedOwners configured = resolution.fromConfig(repository.fullName());
			if (configured != null) {
				known.add(new Found(repository, configured, true));
			}
			else if (!resolution.readsProviders()) {
				known.add(new Found(repository, resolve(repository, ProviderOwners.NONE), true));
			}
			else {
				asked.add(repository);
			}
		}
		return Flux.fromIterable(known)
			.concatWith(Flux.fromIterable(asked)
				.buffer(connector.ownerBatchSize())
				.flatMap(batch -> owners(connector, batch), CONCURRENCY))
			.concatMap(found -> transaction.transactional(
					store.replace(ids.get(found.repository().fullName()), found.owners(), found.settled())))
			.then();
	}

	private Flux<Found> owners(SourceConnector connector, List<NormalizedRepository> batch) {
		return connector.fetchOwners(batch)
			.onErrorResume(ex -> {
				log.warn("{}: could not read the owners of {}, asking again at their next alert: {}",
						connector.provider(), batch.stream().map(NormalizedRepository::fullName).toList(),
						ex.getMessage());
				return Mono.just(Map.of());
			})
			.flatMapIterable(read -> batch.stream().map(repository -> {
				ProviderOwners owners = read.get(repository.fullName());
				return owners == null ? new Found(repository, resolve(repository, ProviderOwners.NONE), false)
						: new Found(repository, resolve(repository, owners), true);
			}).toList());
	}

	private ResolvedOwners resolve(NormalizedRepository repository, ProviderOwners read) {
		return resolution.resolve(repository.organization(), repository.fullName(), read);
	}

	/** Owners worked out for a repository; not {@code settled} when its provider could not be asked. */
	private record Found(NormalizedRepository repository, ResolvedOwners owners, boolean settled) {
	}

}
