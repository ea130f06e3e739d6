package dev.leakpath.secret;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** Reads distinct credentials for the API, with their alerts' counts, providers and repositories. */
@Component
public class SecretQueries {

	/** Open in the provider's own words: GitHub says open, Azure DevOps says active. */
	private static final String SELECT = """
			select s.id, s.fingerprint, s.preview, s.secret_type, s.first_seen_at,
			""" + SecretTargetColumns.SELECT + """
			,
			       count(a.id) as alerts,
			       count(a.id) filter (where a.state in ('open', 'active')) as open_alerts,
			       array_agg(distinct a.provider) as providers,
			       array_agg(distinct r.full_name) as repositories
			from secret s
			join alert a on a.secret_id = s.id
			join repository r on r.id = a.repository_id
			where (cast(:targetKind as text) is null or s.target_kind = :targetKind)
			  and (cast(:exists as text) is null or s.target_exists = :exists)
			  and (cast(:beforeId as bigint) is null or s.id < :beforeId)
			group by s.id
			order by s.id desc
			limit :limit
			""";

	private final DatabaseClient db;

	SecretQueries(DatabaseClient db) {
		this.db = db;
	}

	public Mono<List<SecretView>> find(String targetKind, String exists, Long beforeId, int limit) {
		return db.sql(SELECT)
			.bind("targetKind", Parameter.fromOrEmpty(targetKind, String.class))
			.bind("exists", Parameter.fromOrEmpty(exists, String.class))
			.bind("beforeId", Parameter.fromOrEmpty(beforeId, Long.class))
			.bind("limit", limit)
			.map(row -> new SecretView(row.get("id", Long.class), row.get("fingerprint", String.class),
					row.get("preview", String.class), row.get("secret_type", String.class),
					SecretTargetColumns.read(row), row.get("alerts", Long.class), row.get("open_alerts", Long.class),
					Arrays.asList(row.get("providers", String[].class)),
					Arrays.asList(row.get("repositories", String[].class)), row.get("first_seen_at", Instant.class)))
			.all()
			.collectList();
	}

}
