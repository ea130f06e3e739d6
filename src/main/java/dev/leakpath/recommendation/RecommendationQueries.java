package dev.leakpath.recommendation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.repository.OwnerColumns;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * One recommendation per repository that has findings, the riskiest first: a repository scores as its worst
 * finding, the number of open findings breaking ties, with that finding's factors. The scores are kept in
 * {@code repository_risk} as the data changes ({@link dev.leakpath.risk.FindingRisk}), so a page reads its rows
 * by index, and only the page's repositories have their owners and findings looked up.
 */
@Component
public class RecommendationQueries {

	static final String GITHUB_TITLE = "GitHub repositories should have secret scanning findings resolved";

	static final String AZURE_DEVOPS_TITLE = "Azure DevOps repositories should have secret scanning findings resolved";

	private static final String SELECT = """
			select k.risk_score, k.risk_level, k.risk_factors, k.open_findings, k.total_findings,
			       r.id, r.provider, r.organization, r.project, r.full_name, r.url, r.visibility,
			       (select array_agg(o.owner order by o.position) from repository_owner o
			        where o.repository_id = r.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = r.id) as owner_source
			from repository_risk k
			join repository r on r.id = k.repository_id
			%s
			order by k.rank desc, k.repository_id desc
			limit :limit
			""";

	/**
	 * The status filter is on kept counts, without a value. A healthy repository scores 0: saying so lets the
	 * ranking index find them at its end rather than read past every unhealthy one.
	 */
	private static final Map<String, String> STATUS_CONDITIONS = Map.of("unhealthy", "k.open_findings > 0",
			"healthy", "k.rank = 0");

	/** Findings listed per repository, the riskiest; {@code openFindings} counts them all. */
	static final int FINDINGS_SHOWN = 5;

	private static final String FINDINGS = """
			select r.id as repository_id, a.id, a.secret_type, a.secret_type_display_name, a.state, a.validity,
			       s.target_resource_type, s.target_name, s.target_exists, a.alert_url, k.risk_score, k.risk_level
			from unnest(cast(:repositories as bigint[])) as r (id)
			cross join lateral (select * from alert_risk k
			                    where k.repository_id = r.id and k.open
			                    order by k.risk_score desc, k.alert_id
			                    limit %d) k
			join alert a on a.id = k.alert_id
			left join secret s on s.id = a.secret_id
			order by r.id, k.risk_score desc, a.id
			""".formatted(FINDINGS_SHOWN);

	private final DatabaseClient db;

	RecommendationQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<List<RecommendationView>> find(String provider, String status, String[] organizations, int limit) {
		if (status != null && !STATUS_CONDITIONS.containsKey(status)) {
			throw new IllegalArgumentException("status must be one of " + STATUS_CONDITIONS.keySet());
		}
		SqlConditions where = SqlConditions.of()
			.equal("k.provider", "provider", provider)
			.anyOf("k.organization", "organizations", organizations)
			.also(status == null ? null : STATUS_CONDITIONS.get(status));
		String sql = SELECT.formatted(where.where());
		return where.bind(db.sql(sql))
			.bind("limit", limit)
			.map(RecommendationQueries::facts)
			.all()
			.collectList()
			.flatMap(rows -> findings(rows.stream().map(Facts::id).toList()).map(byRepository -> rows.stream()
				.map(row -> row.view(byRepository.getOrDefault(row.id(), List.of())))
				.toList()));
	}

	private Mono<Map<Long, List<RecommendationView.Finding>>> findings(List<Long> repositories) {
		if (repositories.isEmpty()) {
			return Mono.just(Map.of());
		}
		return db.sql(FINDINGS)
			.bind("repositories", repositories.toArray(Long[]::new))
			.map(row -> Map.entry(row.get("repository_id", Long.class),
					new RecommendationView.Finding(row.get("id", Long.class), row.get("secret_type", String.class),
							row.get("secret_type_display_name", String.class), row.get("state", String.class),
							row.get("validity", String.class), row.get("target_resource_type", String.class),
							row.get("target_name", String.class), row.get("target_exists", String.class),
							row.get("alert_url", String.class), row.get("risk_score", Integer.class),
							row.get("risk_level", String.class))))
			.all()
			.collect(LinkedHashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
				.add(entry.getValue()));
	}

	private static Facts facts(Readable row) {
		return new Facts(row.get("id", Long.class), row.get("provider", String.class),
				new RecommendationView.Repository(row.get("organization", String.class), row.get("project", String.class),
						row.get("full_name", String.class), row.get("url", String.class),
						row.get("visibility", String.class), OwnerColumns.owners(row), row.get("owner_source", String.class)),
				row.get("open_findings", Long.class), row.get("total_findings", Long.class),
				RiskScore.ofIds(row.get("risk_factors", String[].class)).factors(), row.get("risk_score", Integer.class),
				row.get("risk_level", String.class));
	}

	private record Facts(long id, String provider, RecommendationView.Repository repository, long openFindings,
			long totalFindings, List<RiskScore.Points> factors, int riskScore, String riskLevel) {

		RecommendationView view(List<RecommendationView.Finding> findings) {
			boolean healthy = openFindings == 0;
			String severity = healthy ? "none" : riskLevel;
			return new RecommendationView(id, provider, "github".equals(provider) ? GITHUB_TITLE : AZURE_DEVOPS_TITLE,
					repository, healthy ? "healthy" : "unhealthy", severity, riskScore, factors, openFindings,
					totalFindings, findings,
					healthy ? List.of() : Remediations.forFindings(findings, "public".equals(repository.visibility())));
		}

	}

}
