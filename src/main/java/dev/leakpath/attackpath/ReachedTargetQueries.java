package dev.leakpath.attackpath;

import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.RankCursor;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads the resources open attack paths reach, riskiest first (then the most paths), from {@code target_risk},
 * which {@link dev.leakpath.risk.FindingRisk} keeps. A viewer scoped to some organisations sees the resources
 * their repositories' paths reach; the counts are over every organisation's paths.
 */
@Component
public class ReachedTargetQueries {

	private static final String SELECT = """
			select t.*, resource_category(t.resource_type) as category
			from target_risk t
			%s
			order by t.rank desc, t.id desc
			limit :limit
			""";

	private static final String SEEN = "exists (select 1 from attack_path p join repository r on r.id = p.repository_id "
			+ "where p.target_key = t.target_key and p.status = 'open' and r.organization = any(:organizations))";

	private final DatabaseClient db;

	ReachedTargetQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<List<ReachedTarget>> find(Boolean exposed, Boolean sensitive, String[] organizations, RankCursor below,
			int limit) {
		SqlConditions where = SqlConditions.of()
			.either(exposed, "t.internet_exposed", "not t.internet_exposed")
			.either(sensitive, "t.sensitive_data", "not t.sensitive_data")
			.also(organizations == null ? null : SEEN)
			.below("t.rank", "t.id", below);
		DatabaseClient.GenericExecuteSpec query = where.bind(db.sql(SELECT.formatted(where.where()))).bind("limit", limit);
		return (organizations == null ? query : query.bind("organizations", organizations))
			.map(ReachedTargetQueries::target)
			.all()
			.collectList();
	}

	private static ReachedTarget target(Readable row) {
		return new ReachedTarget(row.get("id", Long.class), row.get("target_key", String.class),
				row.get("asset_id", Long.class), row.get("resource_type", String.class), row.get("category", String.class),
				row.get("name", String.class), Boolean.TRUE.equals(row.get("in_inventory", Boolean.class)),
				Boolean.TRUE.equals(row.get("internet_exposed", Boolean.class)),
				Boolean.TRUE.equals(row.get("sensitive_data", Boolean.class)), row.get("risk_level", String.class),
				row.get("risk_score", Integer.class), RiskScore.ofIds(row.get("risk_factors", String[].class)).factors(),
				row.get("secrets", Long.class), row.get("repositories", Long.class), row.get("paths", Long.class));
	}

}
