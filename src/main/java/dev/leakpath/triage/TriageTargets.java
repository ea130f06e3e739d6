package dev.leakpath.triage;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertConditions;
import dev.leakpath.alert.AlertFilter;
import dev.leakpath.ingest.ProviderAlertState;
import dev.leakpath.security.TriageScope;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The alerts a triage request names, by id or by the alert list's filter, as leakpath last read them. Every
 * alert must be one the caller sees (else the request names unknown alerts) and may triage (else it is refused,
 * naming the organisations): a request is carried out whole or not at all.
 */
@Component
class TriageTargets {

	private static final String SELECT = """
			select a.id, a.provider, r.organization, a.state, a.resolution, a.provider_state, a.provider_resolution,
			       a.details ->> 'assignedTo' as provider_assignee, k.assignee as kept_assignee, a.resolved_at,
			       a.provider_secret_type,
			       a.updated_at
			from alert a
			join repository r on r.id = a.repository_id
			left join alert_assignee k on k.alert_id = a.id
			""";

	private final DatabaseClient db;

	private final TriageProperties properties;

	TriageTargets(DatabaseClient db, TriageProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	/** @param organizations those the caller sees, or null for all */
	Mono<List<TriageTarget>> byIds(List<Long> ids, String[] organizations, TriageScope triage) {
		Set<Long> distinct = new TreeSet<>(ids);
		if (distinct.isEmpty() || distinct.size() > properties.maxAlerts()) {
			return Mono.error(new InvalidTriageException(
					"alertIds must name 1 to " + properties.maxAlerts() + " alerts (leakpath.triage.max-alerts)"));
		}
		SqlConditions where = SqlConditions.of()
			.anyOf("a.id", "ids", distinct.toArray(Long[]::new))
			.anyOf("r.organization", "organizations", organizations);
		return select(where, distinct.size()).map(found -> {
			Set<Long> unknown = new TreeSet<>(distinct);
			found.forEach(target -> unknown.remove(target.alertId()));
			if (!unknown.isEmpty()) {
				throw new UnknownAlertsException("no alert with id " + unknown.stream().limit(20)
					.map(String::valueOf).collect(Collectors.joining(", ")) + (unknown.size() > 20 ? ", …" : ""));
			}
			return triageable(found, triage);
		});
	}

	/** {@code filter.organizations()} are those the caller sees; its order and limit are not used. */
	Mono<List<TriageTarget>> byFilter(AlertFilter filter, TriageScope triage) {
		return select(AlertConditions.of(filter), properties.maxAlerts() + 1).map(found -> {
			if (found.isEmpty()) {
				throw new InvalidTriageException("the filter matches no alert");
			}
			if (found.size() > properties.maxAlerts()) {
				throw new InvalidTriageException("the filter matches more than " + properties.maxAlerts()
						+ " alerts (leakpath.triage.max-alerts): narrow it, or send it in parts");
			}
			return triageable(found, triage);
		});
	}

	private Mono<List<TriageTarget>> select(SqlConditions where, int limit) {
		return where.bind(db.sql(SELECT + where.where() + "order by a.id limit :limit"))
			.bind("limit", limit)
			.map(TriageTargets::target)
			.all()
			.collectList();
	}

	private static List<TriageTarget> triageable(List<TriageTarget> targets, TriageScope triage) {
		Set<String> refused = targets.stream()
			.map(TriageTarget::organization)
			.filter(organization -> !triage.allows(organization))
			.collect(Collectors.toCollection(TreeSet::new));
		if (!refused.isEmpty()) {
			throw new TriageScopeException("the caller may not triage alerts of " + String.join(", ", refused)
					+ (triage.isAll() ? "" : "; it triages those of " + String.join(", ", triage.organizations())));
		}
		return targets;
	}

	private static TriageTarget target(Readable row) {
		String provider = row.get("provider", String.class);
		ProviderAlertState read = new ProviderAlertState(row.get("provider_state", String.class),
				row.get("provider_resolution", String.class), row.get("provider_assignee", String.class),
				row.get("resolved_at", Instant.class), row.get("updated_at", Instant.class));
		return new TriageTarget(row.get("id", Long.class), provider, row.get("organization", String.class),
				row.get("state", String.class), row.get("resolution", String.class),
				row.get("kept_assignee", String.class), row.get("provider_secret_type", String.class), read);
	}

}
