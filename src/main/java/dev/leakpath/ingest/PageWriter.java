package dev.leakpath.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertStore;
import dev.leakpath.repository.RepositoryStore;
import dev.leakpath.secret.SecretStore;

import org.springframework.stereotype.Component;

/**
 * Writes a page of alerts: repository, secret identity, alert and locations, in that order. The raw
 * secret goes no further than {@link SecretStore}.
 */
@Component
class PageWriter {

	private final RepositoryStore repositories;

	private final SecretStore secrets;

	private final AlertStore alerts;

	PageWriter(RepositoryStore repositories, SecretStore secrets, AlertStore alerts) {
		this.repositories = repositories;
		this.secrets = secrets;
		this.alerts = alerts;
	}

	Mono<Void> write(List<NormalizedAlert> page) {
		Map<String, Long> repositoryIds = new HashMap<>();
		return Flux.fromIterable(page).concatMap(alert -> repositoryId(alert, repositoryIds)
			.flatMap(repositoryId -> secretId(alert).map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap(secretId -> alerts.upsert(alert, repositoryId, secretId.orElse(null)))))
			.then();
	}

	private Mono<Long> repositoryId(NormalizedAlert alert, Map<String, Long> cache) {
		Long cached = cache.get(alert.repository().fullName());
		if (cached != null) {
			return Mono.just(cached);
		}
		return repositories.upsert(alert.repository())
			.doOnNext(id -> cache.put(alert.repository().fullName(), id));
	}

	private Mono<Long> secretId(NormalizedAlert alert) {
		if (alert.secret() == null || alert.secret().isEmpty()) {
			return Mono.empty();
		}
		return secrets.idOf(alert.secret(), alert.secretType());
	}

}
