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
				.flatMap(found -> transaction.transactional(
						store.replace(ids.get(repository.fullName()), found.owners(), found.settled()))),
					CONCURRENCY)
			.then();
	}

	private Mono<Found> owners(SourceConnector connector, NormalizedRepository repository) {
		ResolvedOwners configured = resolution.fromConfig(repository.fullName());
		if (configured != null) {
			return Mono.just(new Found(configured, true));
		}
		if (!resolution.readsProviders()) {
			return Mono.just(new Found(resolve(repository, ProviderOwners.NONE), true));
		}
		return connector.fetchOwners(repository)
			.map(read -> new Found(resolve(repository, read), true))
			.onErrorResume(ex -> {
				log.warn("{} {}: could not read its owners, asking again at its next alert: {}", connector.provider(),
						repository.fullName(), ex.getMessage());
				return Mono.just(new Found(resolve(repository, ProviderOwners.NONE), false));
			});
	}

	private ResolvedOwners resolve(NormalizedRepository repository, ProviderOwners read) {
		return resolution.resolve(repository.organization(), repository.fullName(), read);
	}

	/** Owners worked out for a repository; not {@code settled} when its provider could not be asked. */
	private record Found(ResolvedOwners owners, boolean settled) {
	}

}
