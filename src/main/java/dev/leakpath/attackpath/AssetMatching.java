package dev.leakpath.attackpath;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Matches secret targets with inventory assets: by host first, then by resource type and name (and the
 * account, when both sides know it). A target of a cloud that has assets in the inventory but no match
 * does not exist ({@code false}); with no assets of that cloud, existence is {@code unknown}. The lowest
 * matching asset id wins. It is {@code min(id + 0)}: a plain {@code min(id)} (or {@code order by id limit 1})
 * lets the planner walk the primary key past every asset when nothing matches, instead of using the host
 * and name indexes. The CTE is materialised so the lookups run once per secret, not once per use. Writers
 * reach it through {@link GraphMaintenance}.
 */
@Component
public class AssetMatching {

	private static final String MATCH = """
			with matched as materialized (
			    select s.id,
			           coalesce(
			               (select min(a.id + 0) from asset a
			                where s.target_host is not null and a.hosts @> array[s.target_host]),
			               (select min(a.id + 0) from asset a
			                where lower(a.resource_type) = lower(s.target_resource_type)
			                  and lower(a.name) = lower(s.target_name)
			                  and (s.target_account_id is null or a.account_id is null
			                       or a.account_id = s.target_account_id))) as asset_id,
			           exists (select 1 from asset c where c.cloud = s.target_cloud) as cloud_known
			    from secret s
			    where s.target_kind = 'cloud_resource'
			      %s
			)
			update secret s
			set target_asset_id = m.asset_id
			  , target_exists   = case when m.asset_id is not null then 'true'
			                           when m.cloud_known then 'false' else 'unknown' end
			from matched m
			where s.id = m.id
			  and (s.target_asset_id, s.target_exists) is distinct from
			      (m.asset_id, case when m.asset_id is not null then 'true'
			                        when m.cloud_known then 'false' else 'unknown' end)
			""";

	private final DatabaseClient db;

	AssetMatching(DatabaseClient db) {
		this.db = db;
	}

	/** Re-matches every secret, after the inventory changed; returns how many changed. */
	public Mono<Long> matchAll() {
		return db.sql(MATCH.formatted("")).fetch().rowsUpdated();
	}

	/** Matches the given secrets, after they were stored or their target changed. */
	public Mono<Long> match(Collection<Long> secretIds) {
		if (secretIds.isEmpty()) {
			return Mono.just(0L);
		}
		return db.sql(MATCH.formatted("and s.id = any(:ids)"))
			.bind("ids", secretIds.toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

}
