package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.repository.OwnerColumns;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.SqlConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Streams every location of the alerts matching a filter, a page of {@value #PAGE_ALERTS} alerts at a time after
 * the last one read, on an index in the page's order: an export of millions of rows holds a page or two in
 * memory, and no connection while the client reads.
 */
@Component
public class AlertExports {

	private static final int PAGE_ALERTS = 500;

	/**
	 * The page's alerts are read once each, with their risk, owners and open paths, before their locations
	 * multiply them.
	 */
	private static final String PAGE = """
			with page as (
			    select a.id from alert a
			    join repository r on r.id = a.repository_id
			    %1$s
			    order by %2$s
			    limit %3$d
			), alerts as materialized (
			    select a.id, a.provider, r.organization, a.repository_id, r.full_name, r.url as repository_url,
			           r.default_branch, a.provider_alert_id, a.secret_type, a.secret_type_display_name, a.state,
			           a.validity, a.created_at, a.resolved_at, a.alert_url, s.fingerprint, s.target_resource_type,
			           s.target_name, s.target_exists, k.risk_score, k.risk_level,
			           (select array_agg(o.owner order by o.position) from repository_owner o
			            where o.repository_id = a.repository_id) as owners,
			           -- the paths AlertDetail lists: those of the alert's repository and secret
			           (select count(*) from attack_path p
			            where p.secret_id = a.secret_id and p.repository_id = a.repository_id and p.status = 'open')
			               as open_attack_paths
			    from page
			    join alert a on a.id = page.id
			    join repository r on r.id = a.repository_id
			    left join secret s on s.id = a.secret_id
			    left join alert_risk k on k.alert_id = a.id
			)
			select a.*, l.type, l.path, l.start_line, l.end_line, l.start_column, l.end_column, l.commit_sha,
			       l.blob_sha, l.file_url, l.commit_url
			from alerts a
			left join alert_location l on l.alert_id = a.id
			order by %2$s, l.id
			""";

	private final DatabaseClient db;

	private final int pageAlerts;

	@Autowired
	AlertExports(DatabaseClient db) {
		this(db, PAGE_ALERTS);
	}

	/** @param pageAlerts alerts per page, fewer in tests so that an export spans pages */
	AlertExports(DatabaseClient db, int pageAlerts) {
		this.db = db;
		this.pageAlerts = pageAlerts;
	}

	/** Newest alert first, as the listing. The filter's cursor and limit are ignored: an export is every match. */
	public Flux<AlertExportRow> rows(AlertFilter filter) {
		return rows(filter, Order.NEWEST);
	}

	/** A repository's alerts after another's, oldest first within each, for an export in one part per repository. */
	public Flux<AlertExportRow> rowsByRepository(AlertFilter filter) {
		return rows(filter, Order.BY_REPOSITORY);
	}

	private Flux<AlertExportRow> rows(AlertFilter filter, Order order) {
		return page(filter, order, null)
			.expand(page -> page.alerts() < pageAlerts ? Mono.empty() : page(filter, order, page.last()))
			// one page at a time: the next is read as this one is written out
			.concatMapIterable(Page::rows, 1);
	}

	private Mono<Page> page(AlertFilter filter, Order order, AlertExportRow after) {
		SqlConditions where = order.after(AlertConditions.of(filter), after);
		return where.bind(db.sql(PAGE.formatted(where.where(), order.orderBy, pageAlerts)))
			.map(AlertExports::row)
			.all()
			.collectList()
			.map(Page::of);
	}

	private static AlertExportRow row(Readable row) {
		String type = row.get("type", String.class);
		AlertView.Location location = type == null ? null
				: new AlertView.Location(type, row.get("path", String.class), row.get("start_line", Integer.class),
						row.get("end_line", Integer.class), row.get("start_column", Integer.class),
						row.get("end_column", Integer.class), row.get("commit_sha", String.class),
						row.get("blob_sha", String.class), row.get("file_url", String.class),
						row.get("commit_url", String.class));
		// as the alert API shows it: an alert no recompute has scored yet scores 0 until one has
		RiskScore risk = RiskScore.stored(row.get("risk_score", Integer.class), row.get("risk_level", String.class),
				null);
		return new AlertExportRow(row.get("id", Long.class), row.get("provider", String.class),
				row.get("organization", String.class), row.get("repository_id", Long.class),
				row.get("full_name", String.class), row.get("repository_url", String.class),
				row.get("default_branch", String.class), row.get("provider_alert_id", String.class),
				row.get("secret_type", String.class), row.get("secret_type_display_name", String.class),
				row.get("state", String.class), row.get("validity", String.class), row.get("created_at", Instant.class),
				row.get("resolved_at", Instant.class), row.get("alert_url", String.class),
				row.get("fingerprint", String.class), row.get("target_resource_type", String.class),
				row.get("target_name", String.class), row.get("target_exists", String.class), risk.score(),
				risk.level(), OwnerColumns.owners(row), row.get("open_attack_paths", Long.class), location);
	}

	/** The orders an export reads in, each with its keyset and the index that answers it. */
	private enum Order {

		/** The listing's: below the last id, on the primary key or a filter's index ending in id. */
		NEWEST("a.id desc") {
			@Override
			SqlConditions after(SqlConditions where, AlertExportRow last) {
				return where.before("a.id", "beforeId", last == null ? null : last.alertId());
			}
		},

		/** After the last (repository, id), on alert_repository_order_idx. */
		BY_REPOSITORY("a.repository_id, a.id") {
			@Override
			SqlConditions after(SqlConditions where, AlertExportRow last) {
				return last == null ? where
						: where.after("a.repository_id", "a.id", last.repositoryId(), last.alertId());
			}
		};

		private final String orderBy;

		Order(String orderBy) {
			this.orderBy = orderBy;
		}

		abstract SqlConditions after(SqlConditions where, AlertExportRow last);

	}

	/** A page's rows, and how many alerts they are of: fewer than asked for is the last page. */
	private record Page(List<AlertExportRow> rows, int alerts) {

		static Page of(List<AlertExportRow> rows) {
			int alerts = 0;
			for (int i = 0; i < rows.size(); i++) {
				if (i == 0 || rows.get(i).alertId() != rows.get(i - 1).alertId()) {
					alerts++;
				}
			}
			return new Page(rows, alerts);
		}

		/** The page's last row: the next page starts after its alert. */
		AlertExportRow last() {
			return rows.get(rows.size() - 1);
		}

	}

}
