package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedRepository;

import java.util.Collection;
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
 * config maps costs no request; otherwise its provider is asked (up to 3 CODEOWNERS reads, and on GitHub
 * the admins). A failure leaves config and fallback owners, and is logged.
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
		return Flux.fromIterable(repositories)
			.filter(repository -> ids.containsKey(repository.fullName()))
			.flatMap(repository -> owners(connector, repository)
				.flatMap(owners -> transaction.transactional(store.replace(ids.get(repository.fullName()), owners))),
					CONCURRENCY)
			.then();
	}

	private Mono<ResolvedOwners> owners(SourceConnector connector, NormalizedRepository repository) {
		ResolvedOwners configured = resolution.fromConfig(repository.fullName());
		if (configured != null) {
			return Mono.just(configured);
		}
		Mono<ProviderOwners> provider = resolution.readsProviders() ? connector.fetchOwners(repository)
			.onErrorResume(ex -> {
				log.warn("{} {}: could not read its owners: {}", connector.provider(), repository.fullName(),
						ex.getMessage());
				return Mono.just(ProviderOwners.NONE);
			}) : Mono.just(ProviderOwners.NONE);
		return provider.map(found -> resolution.resolve(repository.organization(), repository.fullName(), found));
	}

}
