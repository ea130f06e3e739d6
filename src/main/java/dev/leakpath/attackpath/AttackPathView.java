package dev.leakpath.attackpath;

import java.time.Instant;

/** An attack path in a listing. {@code publicEntry}: the repository was public when the path was evaluated. */
public record AttackPathView(long id, Rule rule, String riskLevel, int riskScore, String status, String provider,
		boolean publicEntry, Repository repository, Secret secret, Target target, Instant firstSeenAt, Instant resolvedAt,
		String resolution) {

	public record Rule(String id, String name) {
	}

	public record Repository(long id, String fullName, String visibility, String url) {
	}

	public record Secret(long id, String secretType, String preview, boolean active) {
	}

	/** Null on paths that end at the secret. {@code inInventory} false: a placeholder named after the target. */
	public record Target(String key, Long assetId, String resourceType, String name, boolean inInventory,
			boolean internetExposed, boolean sensitiveData) {
	}

}
