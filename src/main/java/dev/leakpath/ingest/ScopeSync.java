package dev.leakpath.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * One pass over one scope: its connector's listings one after the other, each on its own, so that a listing
 * that fails keeps neither the others from running nor loses their progress. Each page is written in one
 * transaction together with its listing's progress, so an interrupted listing resumes after its last stored
 * page; a listing's watermark and ETag move only when its pass completes, so no alert between the old
 * watermark and now is skipped.
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

	/** Completes when every listing is done; fails with the first listing's failure once all have run. */
	Mono<Void> sync(SourceConnector connector, String scope, UUID runId) {
		List<Throwable> failures = new ArrayList<>();
		return Flux.fromIterable(connector.listings())
			.concatMap(listing -> sync(connector, new Listing(scope, listing), runId).onErrorResume(ex -> {
				failures.add(ex);
				return Mono.empty();
			}))
			.then(Mono.defer(() -> failures.isEmpty() ? Mono.<Void>empty() : Mono.error(failures.get(0))));
	}

	private Mono<Void> sync(SourceConnector connector, Listing listing, UUID runId) {
		String provider = connector.provider();
		long started = clock.millis();
		return sources.begin(provider, listing.scope(), listing.name(), runId).flatMap(state -> {
			PassProgress progress = new PassProgress(state.pendingWatermark());
			boolean resuming = state.cursor().resuming();
			if (resuming) {
				log.info("{} {}: resuming an unfinished pass", provider, listing);
			}
			return connector.fetchPages(listing.scope(), listing.name(), state.cursor())
				.index()
				// a failed fetch of the next page waits for this page's write to finish, not cancel it
				.concatMapDelayError(indexed -> {
					SourcePage page = indexed.getT2();
					if (page.notModified()) {
						progress.notModified(page);
						return Mono.empty();
					}
					progress.add(page, indexed.getT1() == 0 && !resuming);
					return store(connector, listing, runId, state.id(), page, progress)
						.then(metadata.refresh(connector, listing.scope(), page.alerts()));
				}, /* delayUntilEnd */ false, /* prefetch: fetch the next page while this one is written */ 1)
				.then(Mono.defer(() -> finish(state.id(), progress)))
				.doOnSuccess(outcome -> {
					passes(provider, listing, outcome).increment();
					log.info("{} {}: {} after {} ms: {} pages, {} alerts, {} unreadable", provider, listing, outcome,
							clock.millis() - started, progress.pages(), progress.alerts(), progress.errors());
				})
				.onErrorResume(ex -> {
					passes(provider, listing, "failed").increment();
					log.warn("{} {}: pass failed after {} pages: {}", provider, listing, progress.pages(), ex.getMessage());
					return sources.fail(state.id(), String.valueOf(ex.getMessage())).then(Mono.error(ex));
				})
				.then();
		});
	}

	private Counter passes(String provider, Listing listing, String outcome) {
		return meters.counter("leakpath.sync.passes", "provider", provider, "listing", listing.name(), "outcome", outcome);
	}

	private Mono<Void> store(SourceConnector connector, Listing listing, UUID runId, long sourceId, SourcePage page,
			PassProgress progress) {
		// files are read before the transaction: it must not hold a connection while the provider answers
		return contexts.read(connector, page.alerts()).flatMap(texts -> transaction.transactional(writer
			.write(page.alerts(), texts)
			.then(sources.recordPage(sourceId, page, progress.pendingWatermark()))
			.then(sources.recordErrors(runId, sourceId, page.errors())))).doOnSuccess(done -> {
			meters.counter("leakpath.sync.alerts", "provider", connector.provider()).increment(page.alerts().size());
			meters.counter("leakpath.sync.errors", "provider", connector.provider()).increment(page.errors().size());
			page.errors().forEach(error -> log.warn("{} {}: alert {} skipped: {}", connector.provider(), listing,
					error.providerAlertId(), error.message()));
			if (progress.pages() % PROGRESS_LOG_EVERY_PAGES == 0) {
				log.info("{} {}: {} pages, {} alerts stored so far", connector.provider(), listing, progress.pages(),
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

	/** A scope's listing, named in log lines as the scope alone when it is the default one. */
	private record Listing(String scope, String name) {

		@Override
		public String toString() {
			return SourceConnector.DEFAULT_LISTING.equals(name) ? scope : scope + " (" + name + " listing)";
		}

	}

}
