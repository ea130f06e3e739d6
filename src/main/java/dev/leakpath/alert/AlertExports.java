package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Streams every location of the alerts matching a filter, in alert order. Rows are fetched from PostgreSQL
 * {@value #FETCH_SIZE} at a time as the client reads, so an export of millions of rows holds one batch in memory.
 */
@Component
public class AlertExports {

	private static final int FETCH_SIZE = 1000;

	private static final String ROWS = """
			select a.id, a.provider, r.organization, r.full_name, a.provider_alert_id, a.secret_type,
			       a.secret_type_display_name, a.state, a.validity, a.created_at, a.resolved_at, a.alert_url,
			       s.fingerprint, s.target_resource_type, s.target_name, s.target_exists,
			       l.type, l.path, l.start_line, l.end_line, l.start_column, l.end_column, l.commit_sha, l.blob_sha,
			       l.file_url, l.commit_url
			from alert a
			join repository r on r.id = a.repository_id
			left join secret s on s.id = a.secret_id
			left join alert_location l on l.alert_id = a.id
			""";

	private static final String SECRET_TYPES = """
			select a.secret_type, max(a.secret_type_display_name) as display_name
			from alert a
			join repository r on r.id = a.repository_id
			""";

	private final DatabaseClient db;

	AlertExports(DatabaseClient db) {
		this.db = db;
	}

	/** The filter's cursor and limit are ignored: an export is every match. */
	public Flux<AlertExportRow> rows(AlertFilter filter) {
		SqlConditions where = AlertConditions.of(withoutCursor(filter));
		return where.bind(db.sql(ROWS + where.where() + "order by a.id, l.id"))
			.filter(statement -> statement.fetchSize(FETCH_SIZE))
			.map(AlertExports::row)
			.all();
	}

	/** The secret types among the matches, with the provider's display name, by type. */
	public Mono<List<SecretType>> secretTypes(AlertFilter filter) {
		SqlConditions where = AlertConditions.of(withoutCursor(filter));
		return where.bind(db.sql(SECRET_TYPES + where.where() + "group by a.secret_type order by a.secret_type"))
			.map(row -> new SecretType(row.get("secret_type", String.class), row.get("display_name", String.class)))
			.all()
			.collectList();
	}

	private static AlertFilter withoutCursor(AlertFilter filter) {
		return new AlertFilter(filter.provider(), filter.organization(), filter.repository(), filter.state(),
				filter.secretType(), filter.validity(), filter.expired(), filter.organizations(), ListOrder.newest(null), 0);
	}

	private static AlertExportRow row(Readable row) {
		String type = row.get("type", String.class);
		AlertView.Location location = type == null ? null
				: new AlertView.Location(type, row.get("path", String.class), row.get("start_line", Integer.class),
						row.get("end_line", Integer.class), row.get("start_column", Integer.class),
						row.get("end_column", Integer.class), row.get("commit_sha", String.class),
						row.get("blob_sha", String.class), row.get("file_url", String.class),
						row.get("commit_url", String.class));
		return new AlertExportRow(row.get("id", Long.class), row.get("provider", String.class),
				row.get("organization", String.class), row.get("full_name", String.class),
				row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
				row.get("secret_type_display_name", String.class), row.get("state", String.class),
				row.get("validity", String.class), row.get("created_at", Instant.class),
				row.get("resolved_at", Instant.class), row.get("alert_url", String.class),
				row.get("fingerprint", String.class), row.get("target_resource_type", String.class),
				row.get("target_name", String.class), row.get("target_exists", String.class), location);
	}

	/** @param displayName the provider's name for it, or null */
	public record SecretType(String id, String displayName) {
	}

}
