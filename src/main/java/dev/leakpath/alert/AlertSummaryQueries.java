package dev.leakpath.alert;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** The overview's counts, in two statements, for the organisations a caller sees. */
@Component
public class AlertSummaryQueries {

	private static final String SEEN = "(cast(:organizations as text[]) is null or r.organization = any(:organizations))";

	private static final String COUNTS = """
			select 'provider' as dimension, a.provider as value, count(*) as alerts
			from alert a join repository r on r.id = a.repository_id
			where a.state = 'open' and %1$s group by a.provider
			union all
			select 'secretType', a.secret_type, count(*)
			from alert a join repository r on r.id = a.repository_id
			where a.state = 'open' and %1$s group by a.secret_type
			union all
			select 'state', a.state, count(*)
			from alert a join repository r on r.id = a.repository_id
			where %1$s group by a.state
			union all
			select 'validity', coalesce(a.validity, 'unknown'), count(*)
			from alert a join repository r on r.id = a.repository_id
			where a.state = 'open' and %1$s group by 2
			order by 1, 3 desc, 2
			""".formatted(SEEN);

	/** One pass over the window's alerts for each count; days are UTC days. */
	private static final String DAYS = """
			with bounds as (
			    select cast(now() at time zone 'UTC' as date) - (cast(:days as int) - 1) as first_day,
			           cast(now() at time zone 'UTC' as date) as last_day
			), window_days as (
			    select cast(d as date) as day from bounds, generate_series(first_day, last_day, interval '1 day') d
			), opened as (
			    select cast(a.created_at at time zone 'UTC' as date) as day, count(*) as alerts
			    from alert a join repository r on r.id = a.repository_id, bounds
			    where a.created_at >= first_day at time zone 'UTC' and %1$s
			    group by 1
			), resolved as (
			    select cast(a.resolved_at at time zone 'UTC' as date) as day, count(*) as alerts
			    from alert a join repository r on r.id = a.repository_id, bounds
			    where a.resolved_at >= first_day at time zone 'UTC' and %1$s
			    group by 1
			)
			select w.day, coalesce(o.alerts, 0) as opened, coalesce(x.alerts, 0) as resolved
			from window_days w
			left join opened o on o.day = w.day
			left join resolved x on x.day = w.day
			order by w.day
			""".formatted(SEEN);

	private final DatabaseClient db;

	AlertSummaryQueries(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * @param days how many days back the timeline goes, today included
	 * @param organizations the organisations seen, or null for all
	 */
	public Mono<AlertSummary> summary(int days, String[] organizations) {
		Mono<Map<String, Map<String, Long>>> counts = db.sql(COUNTS)
			.bind("organizations", Parameter.fromOrEmpty(organizations, String[].class))
			.map(row -> List.of(row.get("dimension", String.class), row.get("value", String.class),
					String.valueOf(row.get("alerts", Long.class))))
			.all()
			.collect(LinkedHashMap::new, (byDimension, row) -> byDimension
				.computeIfAbsent(row.get(0), key -> new LinkedHashMap<>())
				.put(row.get(1), Long.parseLong(row.get(2))));
		Mono<List<AlertSummary.Day>> timeline = db.sql(DAYS)
			.bind("days", days)
			.bind("organizations", Parameter.fromOrEmpty(organizations, String[].class))
			.map(row -> new AlertSummary.Day(row.get("day", LocalDate.class), row.get("opened", Long.class),
					row.get("resolved", Long.class)))
			.all()
			.collectList();
		return Mono.zip(counts, timeline)
			.map(both -> new AlertSummary(dimension(both.getT1(), "provider"), dimension(both.getT1(), "secretType"),
					dimension(both.getT1(), "state"), dimension(both.getT1(), "validity"), both.getT2()));
	}

	private static Map<String, Long> dimension(Map<String, Map<String, Long>> counts, String name) {
		return counts.getOrDefault(name, Map.of());
	}

}
