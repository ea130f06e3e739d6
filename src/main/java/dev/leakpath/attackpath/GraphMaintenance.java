package dev.leakpath.attackpath;

import java.util.Collection;

import reactor.core.publisher.Mono;

import dev.leakpath.risk.FindingRisk;

import org.springframework.stereotype.Service;

/**
 * Keeps what is derived from the graph (secret targets matched with assets, attack paths, the risk of every finding) up to date. Every
 * writer of the graph tells it what changed, and only it matches and evaluates: a few secrets or repositories
 * are brought up to date in the writer's transaction, so a path is resolved when its alert is; an inventory
 * change, which reaches every secret, is recomputed after the write commits ({@link GraphRecompute}).
 */
@Service
public class GraphMaintenance {

	private final AssetMatching matching;

	private final AttackPathEvaluator attackPaths;

	private final FindingRisk risk;

	private final GraphRecompute recompute;

	GraphMaintenance(AssetMatching matching, AttackPathEvaluator attackPaths, FindingRisk risk,
			GraphRecompute recompute) {
		this.matching = matching;
		this.attackPaths = attackPaths;
		this.risk = risk;
		this.recompute = recompute;
	}

	/**
	 * These secrets, or alerts of them, were stored or changed: their targets are matched, their paths
	 * re-evaluated and their alerts, secrets and repositories re-scored.
	 */
	public Mono<Void> secretsChanged(Collection<Long> secretIds) {
		return matching.match(secretIds).then(attackPaths.refreshSecrets(secretIds)).then(risk.refreshSecrets(secretIds));
	}

	/**
	 * Called first in the transaction of a writer that changes what many secrets reach without changing assets
	 * (an identity layer's read), before it calls {@link #secretsChanged}: a recompute that started before the
	 * transaction would otherwise overwrite its update with paths read before it. It waits for a running
	 * recompute (seconds on a large graph) and holds the next one off until the transaction ends.
	 */
	public Mono<Void> holdOffRecompute() {
		return recompute.holdOff();
	}

	/** These alerts, whose secret leakpath did not get, were stored or changed: they are re-scored. */
	public Mono<Void> secretlessAlertsChanged(Collection<Long> alertIds) {
		return risk.refreshSecretless(alertIds);
	}

	/** These repositories' visibility or provider data changed: the paths that start at them are re-evaluated. */
	public Mono<Void> repositoriesChanged(Collection<Long> repositoryIds) {
		return attackPaths.refreshRepositories(repositoryIds).then(risk.refreshRepositories(repositoryIds));
	}

	/**
	 * Assets were added, changed or removed, in the caller's transaction (this fails outside one): once it
	 * commits, every secret is re-matched and every path re-evaluated, in the background.
	 */
	public Mono<Void> assetsChanged() {
		return recompute.request();
	}

}
