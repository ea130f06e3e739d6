package dev.leakpath.repository;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads repositories for the API, with open and total alert counts and risk: newest first, or ranked by risk
 * (only repositories with findings, the score then the number of open findings, from {@code repository_risk}).
 */
@Component
public class RepositoryQueries {

	/** Open in the provider's own words: GitHub says open, Azure DevOps says active. */
	private static final String SELECT = """
			select r.id, r.provider, r.organization, r.project, r.full_name, r.url, r.visibility, r.archived,
			       r.default_branch,
			       count(a.id) filter (where a.state = 'open') as open_alerts,
			       count(a.id) as total_alerts,
			       (select array_agg(o.owner order by o.position) from repository_owner o where o.repository_id = r.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = r.id) as owner_source,
			       min(k.risk_score) as risk_score, min(k.risk_level) as risk_level, min(k.risk_factors) as risk_factors
			from repository r
			left join alert a on a.repository_id = r.id
			left join repository_risk k on k.repository_id = r.id
			%s
			group by r.id
			order by r.id desc
			limit :limit
			""";

	private static final String RISKIEST_FIRST = """
			select r.id, r.provider, r.organization, r.project, r.full_name, r.url, r.visibility, r.archived,
			       r.default_branch, k.open_findings as open_alerts, k.total_findings as total_alerts,
			       (select array_agg(o.owner order by o.position) from repository_owner o where o.repository_id = r.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = r.id) as owner_source,
			       k.risk_score, k.risk_level, k.risk_factors
			from repository_risk k
			join repository r on r.id = k.repository_id
			%s
			order by k.rank desc, k.repository_id desc
			limit :limit
			""";

	private final DatabaseClient db;

	RepositoryQueries(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * @param name a part of the full name, any case, or null
	 * @param organizations the organisations seen, or null for all
	 */
	public Mono<List<RepositoryView>> find(String provider, String organization, String name, String[] organizations,
			ListOrder order, int limit) {
		String table = order.byRisk() ? "k" : "r";
		SqlConditions where = order.start(SqlConditions.of()
			.equal(table + ".provider", "provider", provider)
			.equal(table + ".organization", "organization", organization)
			.contains("r.full_name", "name", name)
			.anyOf(table + ".organization", "organizations", organizations), "k.rank",
				order.byRisk() ? "k.repository_id" : "r.id");
		return where.bind(db.sql((order.byRisk() ? RISKIEST_FIRST : SELECT).formatted(where.where())))
			.bind("limit", limit)
			.map(row -> new RepositoryView(row.get("id", Long.class), row.get("provider", String.class),
					row.get("organization", String.class), row.get("project", String.class),
					row.get("full_name", String.class), row.get("url", String.class),
					row.get("visibility", String.class), row.get("archived", Boolean.class),
					row.get("default_branch", String.class), row.get("open_alerts", Long.class),
					row.get("total_alerts", Long.class), OwnerColumns.owners(row), row.get("owner_source", String.class),
					RiskScore.stored(row.get("risk_score", Integer.class), row.get("risk_level", String.class),
							row.get("risk_factors", String[].class))))
			.all()
			.collectList();
	}

}
