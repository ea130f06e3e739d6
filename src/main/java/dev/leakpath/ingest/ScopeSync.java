package dev.leakpath.ingest;

import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * One pass over one scope. Each page is written in one transaction together with the pass's progress,
 * so an interrupted pass resumes after the last stored page; the watermark and ETag move only when the
 * pass completes, so no alert between the old watermark and now is skipped.
 */
@Component
class ScopeSync {

	private static final Logger log = LoggerFactory.getLogger(ScopeSync.class);

	private static final int PROGRESS_LOG_EVERY_PAGES = 10;

	private final SyncSourceStore sources;

	private final PageWriter writer;

	private final RepositoryMetadataRefresh metadata;

	private final SecretContexts contexts;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final MeterRegistry meters;

	ScopeSync(SyncSourceStore sources, PageWriter writer, RepositoryMetadataRefresh metadata, SecretContexts contexts,
			TransactionalOperator transaction, Clock clock, MeterRegistry meters) {
		this.sources = sources;
		this.writer = writer;
		this.metadata = metadata;
		this.contexts = contexts;
		this.transaction = transaction;
		this.clock = clock;
		this.meters = meters;
	}

	Mono<Void> sync(SourceConnector connector, String scope, UUID runId) {
		String provider = connector.provider();
		long started = clock.millis();
		return sources.begin(provider, scope, runId).flatMap(state -> {
			PassProgress progress = new PassProgress(state.pendingWatermark());
			boolean resuming = state.cursor().resuming();
			if (resuming) {
				log.info("{} {}: resuming an unfinished pass", provider, scope);
			}
			return connector.fetchPages(scope, state.cursor())
				.index()
				// a failed fetch of the next page waits for this page's write to finish, not cancel it
				.concatMapDelayError(indexed -> {
					SourcePage page = indexed.getT2();
					if (page.notModified()) {
						progress.notModified(page);
						return Mono.empty();
					}
					progress.add(page, indexed.getT1() == 0 && !resuming);
					return store(connector, scope, runId, state.id(), page, progress)
						.then(metadata.refresh(connector, scope, page.alerts()));
				}, /* delayUntilEnd */ false, /* prefetch: fetch the next page while this one is written */ 1)
				.then(Mono.defer(() -> finish(state.id(), progress)))
				.doOnSuccess(outcome -> {
					meters.counter("leakpath.sync.passes", "provider", provider, "outcome", outcome).increment();
					log.info("{} {}: {} after {} ms: {} pages, {} alerts, {} unreadable", provider, scope, outcome,
							clock.millis() - started, progress.pages(), progress.alerts(), progress.errors());
				})
				.onErrorResume(ex -> {
					meters.counter("leakpath.sync.passes", "provider", provider, "outcome", "failed").increment();
					log.warn("{} {}: pass failed after {} pages: {}", provider, scope, progress.pages(), ex.getMessage());
					return sources.fail(state.id(), String.valueOf(ex.getMessage())).then(Mono.error(ex));
				})
				.then();
		});
	}

	private Mono<Void> store(SourceConnector connector, String scope, UUID runId, long sourceId, SourcePage page,
			PassProgress progress) {
		// files are read before the transaction: it must not hold a connection while the provider answers
		return contexts.read(connector, page.alerts()).flatMap(texts -> transaction.transactional(writer
			.write(page.alerts(), texts)
			.then(sources.recordPage(sourceId, page, progress.pendingWatermark()))
			.then(sources.recordErrors(runId, sourceId, page.errors())))).doOnSuccess(done -> {
			meters.counter("leakpath.sync.alerts", "provider", connector.provider()).increment(page.alerts().size());
			meters.counter("leakpath.sync.errors", "provider", connector.provider()).increment(page.errors().size());
			page.errors().forEach(error -> log.warn("{} {}: alert {} skipped: {}", connector.provider(), scope,
					error.providerAlertId(), error.message()));
			if (progress.pages() % PROGRESS_LOG_EVERY_PAGES == 0) {
				log.info("{} {}: {} pages, {} alerts stored so far", connector.provider(), scope, progress.pages(),
						progress.alerts());
			}
		});
	}

	private Mono<String> finish(long sourceId, PassProgress progress) {
		if (progress.notModifiedPage() != null) {
			return sources.notModified(sourceId, progress.notModifiedPage()).thenReturn("not_modified");
		}
		String outcome = progress.errors() == 0 ? "completed" : "completed_with_errors";
		return sources.complete(sourceId, progress.completedWatermark(), progress.completedEtag(), outcome)
			.thenReturn(outcome);
	}

}
