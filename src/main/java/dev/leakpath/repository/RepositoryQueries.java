package dev.leakpath.repository;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads repositories for the API, with open and total alert counts. */
@Component
public class RepositoryQueries {

	/** Open in the provider's own words: GitHub says open, Azure DevOps says active. */
	private static final String SELECT = """
			select r.id, r.provider, r.organization, r.project, r.full_name, r.url, r.visibility, r.archived,
			       r.default_branch,
			       count(a.id) filter (where a.state = 'open') as open_alerts,
			       count(a.id) as total_alerts,
			       (select array_agg(o.owner order by o.position) from repository_owner o where o.repository_id = r.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = r.id) as owner_source
			from repository r
			left join alert a on a.repository_id = r.id
			%s
			group by r.id
			order by r.id desc
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
			Long beforeId, int limit) {
		SqlConditions where = SqlConditions.of()
			.equal("r.provider", "provider", provider)
			.equal("r.organization", "organization", organization)
			.contains("r.full_name", "name", name)
			.before("r.id", "beforeId", beforeId)
			.anyOf("r.organization", "organizations", organizations);
		return where.bind(db.sql(SELECT.formatted(where.where())))
			.bind("limit", limit)
			.map(row -> new RepositoryView(row.get("id", Long.class), row.get("provider", String.class),
					row.get("organization", String.class), row.get("project", String.class),
					row.get("full_name", String.class), row.get("url", String.class),
					row.get("visibility", String.class), row.get("archived", Boolean.class),
					row.get("default_branch", String.class), row.get("open_alerts", Long.class),
					row.get("total_alerts", Long.class), OwnerColumns.owners(row), row.get("owner_source", String.class)))
			.all()
			.collectList();
	}

}
