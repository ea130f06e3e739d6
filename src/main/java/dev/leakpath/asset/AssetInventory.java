package dev.leakpath.asset;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.AttackPathEvaluator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Takes asset batches in (all or nothing), re-matches secret targets and attack paths, and lists assets. */
@Service
public class AssetInventory {

	private static final Logger log = LoggerFactory.getLogger(AssetInventory.class);

	private final AssetStore store;

	private final AssetMatching matching;

	private final AttackPathEvaluator attackPaths;

	private final TransactionalOperator transaction;

	AssetInventory(AssetStore store, AssetMatching matching, AttackPathEvaluator attackPaths,
			TransactionalOperator transaction) {
		this.store = store;
		this.matching = matching;
		this.attackPaths = attackPaths;
		this.transaction = transaction;
	}

	/**
	 * Validates the whole batch, then upserts it, re-matches every secret and re-evaluates every attack path in one
	 * transaction.
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
			Mono<UpsertResult> write = removed.flatMap(deleted -> store.upsertAll(assets, source)
				.flatMap(changed -> matching.matchAll()
					.flatMap(rematched -> attackPaths.refreshAll()
						.thenReturn(new UpsertResult(assets.size(), changed, deleted, rematched)))));
			return transaction.transactional(write).doOnNext(result -> log.info(
					"Assets from {}: {} received, {} new or changed, {} removed; {} secret targets re-matched", source,
					result.received(), result.changed(), result.removed(), result.rematchedSecrets()));
		});
	}

	public Mono<List<AssetView>> find(String cloud, String resourceType, Long beforeId, int limit) {
		return store.find(cloud, resourceType, beforeId, limit);
	}

	public record UpsertResult(int received, long changed, long removed, long rematchedSecrets) {
	}

}
