package dev.leakpath.attackpath;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Counts the overview's headline figures, each from an index or a kept table: open paths by level
 * ({@code attack_path_risk_idx}), valid secrets from {@code secret_risk}'s factors, public entry repositories
 * from the open public paths' index, reached resources from {@code target_risk}. A viewer scoped to some
 * organisations has them counted over their repositories' paths and alerts.
 */
@Component
public class HeadlineQueries {

	private static final String ALL = """
			select (select count(*) from attack_path where status = 'open' and risk_level = 'critical') as critical,
			       (select count(*) from attack_path where status = 'open' and risk_level = 'high') as high,
			       (select count(*) from secret_risk where risk_factors @> array['still_valid']) as valid,
			       (select count(distinct repository_id) from attack_path
			        where status = 'open' and public_entry) as public_entries,
			       (select count(*) from target_risk) as targets
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
