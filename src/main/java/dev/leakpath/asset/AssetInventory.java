package dev.leakpath.asset;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.GraphMaintenance;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Takes asset batches in (all or nothing) and lists assets. A batch that changes the inventory schedules the
 * re-match of every secret and recompute of every attack path, which run after it commits.
 */
@Service
public class AssetInventory {

	private static final Logger log = LoggerFactory.getLogger(AssetInventory.class);

	private final AssetStore store;

	private final GraphMaintenance graph;

	private final TransactionalOperator transaction;

	AssetInventory(AssetStore store, GraphMaintenance graph, TransactionalOperator transaction) {
		this.store = store;
		this.graph = graph;
		this.transaction = transaction;
	}

	/**
	 * Validates the whole batch, then upserts it in one transaction.
	 *
	 * @throws InvalidAssetsException (as the Mono's error) when any row is invalid; nothing is written then
	 */
	public Mono<UpsertResult> upsert(List<AssetInput> assets, String source) {
		return write(assets, source, false);
	}

	/** Like {@link #upsert}, and also deletes the assets of {@code source} that the batch no longer lists. */
	public Mono<UpsertResult> replaceSource(List<AssetInput> assets, String source) {
		return write(assets, source, true);
	}

	private Mono<UpsertResult> write(List<AssetInput> assets, String source, boolean replace) {
		return Mono.defer(() -> {
			// an API request is capped; a whole source (a file, Resource Graph) is as large as the estate
			List<InvalidAssetsException.RowError> errors = AssetValidator.validate(assets,
					replace ? Integer.MAX_VALUE : AssetValidator.MAX_BATCH);
			if (!errors.isEmpty()) {
				return Mono.error(new InvalidAssetsException(errors));
			}
			Mono<Long> removed = replace
					? store.deleteMissing(source, assets.stream().map(AssetInput::providerId).toList()) : Mono.just(0L);
			Mono<UpsertResult> write = removed.flatMap(deleted -> store.upsertAll(assets, source).flatMap(changed -> {
				UpsertResult result = new UpsertResult(assets.size(), changed, deleted, changed + deleted > 0);
				// the last statement: the request's row stays locked only until the commit
				return result.recomputeScheduled() ? graph.assetsChanged().thenReturn(result) : Mono.just(result);
			}));
			return transaction.transactional(write).doOnNext(result -> log.info(
					"Assets from {}: {} received, {} new or changed, {} removed{}", source, result.received(),
					result.changed(), result.removed(),
					result.recomputeScheduled() ? "; secret targets and attack paths are recomputed next" : ""));
		});
	}

	public Mono<List<AssetView>> find(String cloud, String resourceType, Long beforeId, int limit) {
		return store.find(cloud, resourceType, beforeId, limit);
	}

	/**
	 * @param recomputeScheduled whether the batch changed the inventory, so that secret targets and attack paths
	 * are recomputed after it (unchanged assets change nothing of them)
	 */
	public record UpsertResult(int received, long changed, long removed, boolean recomputeScheduled) {
	}

}
