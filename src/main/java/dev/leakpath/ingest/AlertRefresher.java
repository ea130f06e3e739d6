package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.AlertReference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Ingestion of single alerts, for webhooks: re-reads an alert from its provider and stores it through the
 * same writer as polling, so a webhook and a poll of the same change leave the same row.
 */
@Service
public class AlertRefresher {

	private final Map<String, SourceConnector> connectors;

	private final PageWriter writer;

	private final RepositoryMetadataRefresh metadata;

	private final SecretContexts contexts;

	private final TransactionalOperator transaction;

	AlertRefresher(List<SourceConnector> connectors, PageWriter writer, RepositoryMetadataRefresh metadata,
			SecretContexts contexts, TransactionalOperator transaction) {
		this.connectors = connectors.stream().collect(Collectors.toMap(SourceConnector::provider, Function.identity()));
		this.writer = writer;
		this.metadata = metadata;
		this.contexts = contexts;
		this.transaction = transaction;
	}

	/** The configured scope an organisation named in a webhook belongs to, in its configured spelling. */
	public Optional<String> configuredScope(String provider, String organization) {
		SourceConnector connector = connectors.get(provider);
		if (connector == null || organization == null) {
			return Optional.empty();
		}
		return connector.scopes().stream().filter(scope -> scope.equalsIgnoreCase(organization)).findFirst();
	}

	/** The scopes configured for a provider, in their configured spelling; empty for an unknown provider. */
	public List<String> configuredScopes(String provider) {
		SourceConnector connector = connectors.get(provider);
		return connector == null ? List.of() : connector.scopes();
	}

	/** The alert as the provider has it now; empty when the provider no longer has it. */
	public Mono<NormalizedAlert> fetch(String provider, AlertReference reference) {
		return Mono.defer(() -> connector(provider).fetchAlert(reference));
	}

	/** Stores alerts of one scope in one transaction, then reads metadata of repositories not seen before. */
	public Mono<Void> store(String provider, String scope, List<NormalizedAlert> alerts) {
		return Mono.defer(() -> {
			SourceConnector connector = connector(provider);
			return contexts.read(connector, alerts)
				.flatMap(texts -> transaction.transactional(writer.write(alerts, texts)))
				.then(metadata.refresh(connector, scope, alerts));
		});
	}

	private SourceConnector connector(String provider) {
		SourceConnector connector = connectors.get(provider);
		if (connector == null) {
			throw new IllegalArgumentException("No connector for provider " + provider);
		}
		return connector;
	}

}
