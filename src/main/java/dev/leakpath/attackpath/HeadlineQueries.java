package dev.leakpath.attackpath;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads the overview's headline figures from what is kept as the data changes: the counts of open paths by
 * level, valid secrets and reached resources in {@code headline_count} (changes summed), public repositories
 * with paths in {@code repository_risk}. A viewer scoped to some organisations has them counted over their
 * repositories' paths and alerts.
 */
@Component
public class HeadlineQueries {

	private static final String ALL = """
			select cast(coalesce(sum(delta) filter (where name = 'paths:critical'), 0) as bigint) as critical,
			       cast(coalesce(sum(delta) filter (where name = 'paths:high'), 0) as bigint) as high,
			       cast(coalesce(sum(delta) filter (where name = 'valid_secrets'), 0) as bigint) as valid,
			       (select count(*) from repository_risk where public_with_paths) as public_entries,
			       cast(coalesce(sum(delta) filter (where name = 'targets'), 0) as bigint) as targets
			from headline_count
			""";

	private static final String SCOPED = """
			with paths as (
			    select p.* from attack_path p join repository r on r.id = p.repository_id
			    where p.status = 'open' and r.organization = any(:organizations)
			)
			select (select count(*) from paths where risk_level = 'critical') as critical,
			       (select count(*) from paths where risk_level = 'high') as high,
			       (select count(distinct a.secret_id) from alert a join repository r on r.id = a.repository_id
			        where a.state = 'open' and a.validity = 'active' and r.organization = any(:organizations)) as valid,
			       (select count(distinct repository_id) from paths where public_entry) as public_entries,
			       (select count(distinct target_key) from paths where target_key <> '') as targets
			""";

	private final DatabaseClient db;

	HeadlineQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<Headline> headline(String[] organizations) {
		DatabaseClient.GenericExecuteSpec query = organizations == null ? db.sql(ALL)
				: db.sql(SCOPED).bind("organizations", organizations);
		return query.map(row -> new Headline(row.get("critical", Long.class), row.get("high", Long.class),
				row.get("valid", Long.class), row.get("public_entries", Long.class), row.get("targets", Long.class)))
			.one();
	}

}
