package dev.leakpath.recommendation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.repository.OwnerColumns;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * One recommendation per repository that has findings, scored in SQL so that the riskiest come first:
 * a public repository, a publicly leaked or still valid secret, and a target that exists, is exposed to
 * the internet or holds sensitive data each add points; open findings add one each, up to ten.
 */
@Component
public class RecommendationQueries {

	static final String GITHUB_TITLE = "GitHub repositories should have secret scanning findings resolved";

	static final String AZURE_DEVOPS_TITLE = "Azure DevOps repositories should have secret scanning findings resolved";

	private static final String OPEN = "a.state = 'open'";

	/** The query's point columns and how each is shown, in display order. */
	private static final Map<String, String> FACTOR_COLUMNS = orderedFactors();

	private static final String SELECT = """
			with facts as (
			    select r.id, r.provider, r.organization, r.project, r.full_name, r.url, r.visibility,
			           count(a.id) filter (where %1$s) as open_findings,
			           count(a.id) as total_findings,
			           coalesce(bool_or(%1$s and coalesce(a.publicly_leaked, false)), false) as publicly_leaked,
			           count(a.id) filter (where %1$s and a.validity = 'active') as active_secrets,
			           count(distinct s.id) filter (where %1$s and s.target_exists = 'true') as existing_targets,
			           count(distinct s.id) filter (where %1$s and t.internet_exposed) as exposed_targets,
			           count(distinct s.id) filter (where %1$s and t.sensitive_data) as sensitive_targets
			    from repository r
			    join alert a on a.repository_id = r.id
			    left join secret s on s.id = a.secret_id
			    left join asset t on t.id = s.target_asset_id
			    %2$s
			    group by r.id
			), points as (
			    select facts.*,
			           case when open_findings > 0 and visibility = 'public' then 30 else 0 end as public_points,
			           case when open_findings > 0 and publicly_leaked then 20 else 0 end as leaked_points,
			           case when active_secrets > 0 then 20 else 0 end as valid_points,
			           case when existing_targets > 0 then 15 else 0 end as exists_points,
			           case when exposed_targets > 0 then 15 else 0 end as exposed_points,
			           case when sensitive_targets > 0 then 10 else 0 end as sensitive_points,
			           least(open_findings, 10) as open_points
			    from facts
			), scored as (
			    select points.*, public_points + leaked_points + valid_points + exists_points + exposed_points
			                     + sensitive_points + open_points as risk_score
			    from points
			)
			select scored.*,
			       (select array_agg(o.owner order by o.position) from repository_owner o where o.repository_id = scored.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = scored.id) as owner_source
			from scored
			%3$s
			order by risk_score desc, id desc
			limit :limit
			""";

	/** The status filter is on computed counts, not on a column: a condition of its own, without a value. */
	private static final Map<String, String> STATUS_CONDITIONS = Map.of("unhealthy", "where open_findings > 0",
			"healthy", "where open_findings = 0");

	private static final String FINDINGS = """
			select a.repository_id, a.id, a.secret_type, a.secret_type_display_name, a.state, a.validity,
			       s.target_resource_type, s.target_name, s.target_exists, a.alert_url
			from alert a
			left join secret s on s.id = a.secret_id
			where a.repository_id = any(:repositories) and %s
			order by a.repository_id, a.id
			""".formatted(OPEN);

	private final DatabaseClient db;

	private static String statusCondition(String status) {
		if (status == null) {
			return "";
		}
		String condition = STATUS_CONDITIONS.get(status);
		if (condition == null) {
			throw new IllegalArgumentException("status must be one of " + STATUS_CONDITIONS.keySet());
		}
		return condition;
	}

	private static Map<String, String> orderedFactors() {
		Map<String, String> factors = new LinkedHashMap<>();
		factors.put("public_points", "public repository");
		factors.put("leaked_points", "secret publicly leaked");
		factors.put("valid_points", "secret still valid");
		factors.put("exists_points", "target exists in the inventory");
		factors.put("exposed_points", "target exposed to the internet");
		factors.put("sensitive_points", "target holds sensitive data");
		factors.put("open_points", "open findings");
		return factors;
	}

	RecommendationQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<List<RecommendationView>> find(String provider, String status, String[] organizations, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("r.provider", "provider", provider)
			.anyOf("r.organization", "organizations", organizations);
		String sql = SELECT.formatted(OPEN, where.where(), statusCondition(status));
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
							row.get("alert_url", String.class))))
			.all()
			.collect(LinkedHashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
				.add(entry.getValue()));
	}

	private static Facts facts(Readable row) {
		return new Facts(row.get("id", Long.class), row.get("provider", String.class),
				new RecommendationView.Repository(row.get("organization", String.class), row.get("project", String.class),
						row.get("full_name", String.class), row.get("url", String.class),
						row.get("visibility", String.class), OwnerColumns.owners(row), row.get("owner_source", String.class)),
				row.get("open_findings", Long.class), row.get("total_findings", Long.class), factors(row),
				row.get("risk_score", Integer.class));
	}

	/** The score's parts, as the query computed them: the points live in the SQL only. */
	private static List<RecommendationView.RiskFactor> factors(Readable row) {
		List<RecommendationView.RiskFactor> factors = new ArrayList<>();
		FACTOR_COLUMNS.forEach((column, factor) -> {
			Integer points = row.get(column, Integer.class);
			if (points != null && points > 0) {
				factors.add(new RecommendationView.RiskFactor(factor, points));
			}
		});
		return factors;
	}

	private record Facts(long id, String provider, RecommendationView.Repository repository, long openFindings,
			long totalFindings, List<RecommendationView.RiskFactor> factors, int riskScore) {

		RecommendationView view(List<RecommendationView.Finding> findings) {
			boolean healthy = openFindings == 0;
			String severity = healthy ? "none" : riskScore >= 60 ? "high" : riskScore >= 30 ? "medium" : "low";
			return new RecommendationView(id, provider, "github".equals(provider) ? GITHUB_TITLE : AZURE_DEVOPS_TITLE,
					repository, healthy ? "healthy" : "unhealthy", severity, riskScore, factors, openFindings,
					totalFindings, findings,
					healthy ? List.of() : Remediations.forFindings(findings, "public".equals(repository.visibility())));
		}

	}

}
