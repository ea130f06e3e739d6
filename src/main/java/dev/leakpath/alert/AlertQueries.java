package dev.leakpath.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.repository.OwnerColumns;
import dev.leakpath.secret.SecretTargetColumns;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads alerts for the API, newest first or ranked by risk, with their risk and their locations in one extra
 * query per page. Ranked, the list joins {@code alert_risk} so that its index gives the order; newest first it is
 * a left join, so an alert scored by no recompute yet (just after an upgrade) still lists.
 */
@Component
public class AlertQueries {

	private static final String SELECT = """
			select a.id, a.provider, r.organization, r.project, r.full_name, r.url as repository_url, r.visibility,
			       (select array_agg(o.owner order by o.position) from repository_owner o
			        where o.repository_id = r.id) as owners,
			       (select min(o.source) from repository_owner o where o.repository_id = r.id) as owner_source,
			       a.provider_alert_id, a.secret_type, secret_category(a.secret_type) as secret_category,
			       a.provider_secret_type, a.rule_id, a.secret_type_display_name, a.state, a.provider_state,
			       a.resolution, a.provider_resolution, a.validity, a.validity_checked_at, a.publicly_leaked,
			       a.multi_repo, a.created_at, a.updated_at, a.resolved_at, a.alert_url,
			       -- the assignee leakpath keeps for a provider without assignees (Azure DevOps) shows as the alert's
			       cast(a.details || coalesce((select jsonb_build_object('assignedTo', k.assignee) from alert_assignee k
			                                   where k.alert_id = a.id), '{}') as text) as details,
			       s.fingerprint, s.preview, s.expires_at, coalesce(s.expires_at <= now(), false) as expired,
			       k.risk_score, k.risk_level, k.risk_factors,
			""" + SecretTargetColumns.SELECT + """

			from alert a
			join repository r on r.id = a.repository_id
			left join secret s on s.id = a.secret_id
			%s join alert_risk k on k.alert_id = a.id
			""";

	private static final String LOCATIONS = """
			select alert_id, type, path, start_line, end_line, start_column, end_column, commit_sha, blob_sha,
			       file_url, commit_url
			from alert_location where alert_id = any(:ids) order by alert_id, id
			""";

	private final DatabaseClient db;

	private final AlertDetailsJson details;

	AlertQueries(DatabaseClient db, AlertDetailsJson details) {
		this.db = db;
		this.details = details;
	}

	/** Up to {@code filter.limit()} alerts matching the filter. */
	public Mono<List<AlertView>> find(AlertFilter filter) {
		ListOrder order = filter.order();
		SqlConditions where = order.start(AlertConditions.of(filter), "k.risk_score", "a.id");
		if (order.byRisk()) {
			// the same values again on alert_risk's copies, whose indexes are in ranking order
			where.equal("k.provider", "provider", filter.provider())
				.equal("k.secret_type", "secretType", filter.secretType())
				.equal("k.validity", "validity", filter.validity())
				.either("open".equals(filter.state()) ? Boolean.TRUE : null, "k.open", null);
		}
		String sql = SELECT.formatted(order.byRisk() ? "" : "left") + where.where() + order.orderBy("k.risk_score", "a.id")
				+ "limit " + filter.limit();
		return where.bind(db.sql(sql)).map(this::alert).all().collectList().flatMap(this::withLocations);
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<AlertView> findById(long id, String[] organizations) {
		SqlConditions scope = SqlConditions.of().anyOf("r.organization", "organizations", organizations);
		return scope.bind(db.sql(SELECT.formatted("left") + "where a.id = :id\n" + scope.and()))
			.bind("id", id)
			.map(this::alert)
			.one()
			.flatMap(alert -> withLocations(List.of(alert)))
			.map(alerts -> alerts.get(0));
	}

	private Mono<List<AlertView>> withLocations(List<AlertView> alerts) {
		if (alerts.isEmpty()) {
			return Mono.just(alerts);
		}
		Long[] ids = alerts.stream().map(AlertView::id).toArray(Long[]::new);
		Flux<Map.Entry<Long, AlertView.Location>> rows = db.sql(LOCATIONS)
			.bind("ids", ids)
			.map(row -> Map.entry(row.get("alert_id", Long.class), location(row)))
			.all();
		return rows.collect(Collectors.groupingBy(Map.Entry::getKey,
				Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
			.map(byAlert -> alerts.stream()
				.map(alert -> alert.withLocations(byAlert.getOrDefault(alert.id(), List.of())))
				.toList());
	}

	private AlertView alert(Readable row) {
		String fingerprint = row.get("fingerprint", String.class);
		return new AlertView(row.get("id", Long.class), row.get("provider", String.class),
				row.get("organization", String.class), row.get("project", String.class),
				new AlertView.Repository(row.get("full_name", String.class), row.get("repository_url", String.class),
						row.get("visibility", String.class), OwnerColumns.owners(row), row.get("owner_source", String.class)),
				row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
				row.get("secret_category", String.class), row.get("provider_secret_type", String.class),
				row.get("rule_id", String.class), row.get("secret_type_display_name", String.class),
				row.get("state", String.class), row.get("provider_state", String.class),
				row.get("resolution", String.class), row.get("provider_resolution", String.class),
				row.get("validity", String.class), row.get("validity_checked_at", Instant.class),
				row.get("publicly_leaked", Boolean.class), row.get("multi_repo", Boolean.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("resolved_at", Instant.class), row.get("alert_url", String.class),
				details.read(row.get("details", String.class)),
				fingerprint == null ? null : new AlertView.Secret(fingerprint, row.get("preview", String.class),
						row.get("expires_at", Instant.class), Boolean.TRUE.equals(row.get("expired", Boolean.class))),
				SecretTargetColumns.read(row), risk(row), List.of());
	}

	/** An alert no recompute has scored yet scores 0 until one has. */
	private static RiskScore risk(Readable row) {
		return RiskScore.stored(row.get("risk_score", Integer.class), row.get("risk_level", String.class),
				row.get("risk_factors", String[].class));
	}

	private static AlertView.Location location(Readable row) {
		return new AlertView.Location(row.get("type", String.class), row.get("path", String.class),
				row.get("start_line", Integer.class), row.get("end_line", Integer.class),
				row.get("start_column", Integer.class), row.get("end_column", Integer.class),
				row.get("commit_sha", String.class), row.get("blob_sha", String.class),
				row.get("file_url", String.class), row.get("commit_url", String.class));
	}

}
