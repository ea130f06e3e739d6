package dev.leakpath.attackpath;

import java.util.List;

import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.RankCursor;

import org.springframework.lang.Nullable;

/**
 * A resource open attack paths reach, with the risk of the worst of them and how many secrets, repositories
 * and paths reach it. {@code key}: the resource node's key ({@code asset:<id>}, or a placeholder
 * {@code unlisted:<type>:<name>} for one the inventory does not list).
 */
public record ReachedTarget(long id, String key, @Nullable Long assetId, @Nullable String resourceType,
		@Nullable String category, @Nullable String name, boolean inInventory, boolean internetExposed,
		boolean sensitiveData, String riskLevel, int riskScore, List<RiskScore.Points> riskFactors, long secrets,
		long repositories, long paths) {

	/** As {@code target_risk.rank} keeps it. */
	public long rank() {
		return RankCursor.rank(riskScore, paths);
	}

}
