package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

import dev.leakpath.alert.AlertStore;
import dev.leakpath.alert.AlertStore.AlertRow;
import dev.leakpath.attackpath.GraphMaintenance;
import dev.leakpath.repository.RepositoryStore;
import dev.leakpath.secret.RawSecret;
import dev.leakpath.secret.SecretStore;
import dev.leakpath.secret.SecretStore.Occurrence;
import dev.leakpath.secrettype.SecretTypeCatalogue;

import org.springframework.stereotype.Component;

/**
 * Writes a page of alerts in a few statements: repositories, secret identities and targets, alerts,
 * locations, then tells {@link GraphMaintenance} which secrets and repositories changed, so that their targets
 * and attack paths follow in the same transaction. The raw secrets go no further than {@link SecretStore}.
 */
@Component
class PageWriter {

	private final RepositoryStore repositories;

	private final SecretStore secrets;

	private final AlertStore alerts;

	private final GraphMaintenance graph;

	private final SecretTypeCatalogue catalogue;

	PageWriter(RepositoryStore repositories, SecretStore secrets, AlertStore alerts, GraphMaintenance graph,
			SecretTypeCatalogue catalogue) {
		this.catalogue = catalogue;
		this.repositories = repositories;
		this.secrets = secrets;
		this.alerts = alerts;
		this.graph = graph;
	}

	Mono<Void> write(List<NormalizedAlert> page) {
		return write(page, Map.of());
	}

	/**
	 * Repositories whose visibility the page read from the repository itself (a webhook's full repository)
	 * changed: their other secrets' paths gain or lose their public entry now, not at the next metadata read.
	 */
	private static List<Long> changedVisibility(List<NormalizedRepository> seen, Map<String, String> before,
			Map<String, Long> ids) {
		return seen.stream()
			.filter(NormalizedRepository::metadataComplete)
			.filter(repository -> before.containsKey(repository.fullName())
					&& !Objects.equals(before.get(repository.fullName()), repository.visibility()))
			.map(repository -> ids.get(repository.fullName()))
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	/** The catalogue id of the alert's type, found once for both its secret and its alert row. */
	private String typeId(NormalizedAlert alert) {
		return catalogue.classify(alert.provider(), alert.secretType(), alert.ruleId(), alert.secretTypeDisplayName())
			.id();
	}

	private static Occurrence occurrence(NormalizedAlert alert, String typeId, RawSecret context) {
		return new Occurrence(alert.secret(), alert.secretType(), typeId, context,
				alert.provider() + ":" + alert.repository().fullName() + "#" + alert.providerAlertId());
	}

	/** {@code contexts} holds, by index in the page, the text around secrets whose value alone names nothing. */
	Mono<Void> write(List<NormalizedAlert> page, Map<Integer, RawSecret> contexts) {
		if (page.isEmpty()) {
			return Mono.empty();
		}
		List<NormalizedRepository> seen = page.stream().map(NormalizedAlert::repository).toList();
		Mono<Map<String, String>> visibilityBefore = repositories.visibilities(page.get(0).provider(),
				seen.stream().map(NormalizedRepository::fullName).collect(Collectors.toSet()));
		Mono<Map<String, Long>> repositoryIds = repositories.upsertAll(seen);
		List<String> typeIds = page.stream().map(this::typeId).toList();
		Mono<List<Long>> secretIds = secrets
			.idsOf(IntStream.range(0, page.size())
				.mapToObj(index -> occurrence(page.get(index), typeIds.get(index), contexts.get(index)))
				.toList());
		// one statement after another: they share the page's transaction, and so its connection
		return visibilityBefore.flatMap(before -> repositoryIds.flatMap(byName -> secretIds.map(bySecret -> Tuples.of(byName, bySecret))).flatMap(ids -> {
			List<AlertRow> rows = new ArrayList<>();
			for (int index = 0; index < page.size(); index++) {
				NormalizedAlert alert = page.get(index);
				rows.add(new AlertRow(alert, typeIds.get(index), ids.getT1().get(alert.repository().fullName()),
						ids.getT2().get(index)));
			}
			List<Long> storedSecrets = ids.getT2().stream().filter(Objects::nonNull).distinct().toList();
			return alerts.upsertAll(rows)
				.then(graph.secretsChanged(storedSecrets))
				.then(alerts.secretlessIds(rows).flatMap(graph::secretlessAlertsChanged))
				.then(graph.repositoriesChanged(changedVisibility(seen, before, ids.getT1())));
		}));
	}

}
