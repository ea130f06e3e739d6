package dev.leakpath.attackpath;

import java.time.Instant;
import java.util.List;

import dev.leakpath.risk.RiskScore;

import org.springframework.lang.Nullable;

/**
 * An attack path in a listing. {@code publicEntry}: the repository was public when the path was evaluated.
 * {@code riskScore} is the sum of the points of {@code riskFactors}, within 0–100.
 */
public record AttackPathView(long id, Rule rule, String riskLevel, int riskScore, List<RiskScore.Points> riskFactors,
		String status, String provider, boolean publicEntry, Repository repository, Secret secret,
		@Nullable Target target, Instant firstSeenAt, @Nullable Instant resolvedAt, @Nullable String resolution) {

	public record Rule(String id, String name) {
	}

	public record Repository(long id, String fullName, @Nullable String visibility, @Nullable String url) {
	}

	public record Secret(long id, String secretType, String preview, boolean active) {
	}

	/**
	 * Null on paths that end at the secret. {@code inInventory} false: a placeholder named after the target.
	 * {@code category}: object_storage, managed_database, cache, message_bus, key_vault, container_registry,
	 * virtual_machine or other.
	 */
	public record Target(String key, @Nullable Long assetId, @Nullable String resourceType, @Nullable String category,
			@Nullable String name, boolean inInventory, boolean internetExposed, boolean sensitiveData) {
	}

}
