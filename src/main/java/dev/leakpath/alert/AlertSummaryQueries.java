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

	/** The alerts a caller sees: all of them, or, for a scoped caller, those of its organisations' repositories. */
	private static final String ALL_ALERTS = "alert a";

	private static final String SEEN_ALERTS = "alert a join repository r on r.id = a.repository_id "
			+ "and r.organization = any(:organizations)";

	/**
	 * Every count in one scan: one grouping set per dimension. State counts every alert; the other dimensions
	 * count open alerts only, and leave out values with none.
	 */
	private static final String COUNTS = """
			select case when grouping(a.provider) = 0 then 'provider'
			            when grouping(a.secret_type) = 0 then 'secretType'
			            when grouping(a.state) = 0 then 'state'
			            else 'validity' end as dimension,
			       case when grouping(a.provider) = 0 then a.provider
			            when grouping(a.secret_type) = 0 then a.secret_type
			            when grouping(a.state) = 0 then a.state
			            else coalesce(a.validity, 'unknown') end as value,
			       case when grouping(a.state) = 0 then count(*)
			            else count(*) filter (where a.state = 'open') end as alerts
			from %1$s
			group by grouping sets ((a.provider), (a.secret_type), (a.state), (coalesce(a.validity, 'unknown')))
			having grouping(a.state) = 0 or count(*) filter (where a.state = 'open') > 0
			order by 1, 3 desc, 2
			""";

	/** One pass over the window's alerts for each count; days are UTC days. */
	private static final String DAYS = """
			with bounds as (
			    select cast(now() at time zone 'UTC' as date) - (cast(:days as int) - 1) as first_day,
			           cast(now() at time zone 'UTC' as date) as last_day
			), window_days as (
			    select cast(d as date) as day from bounds, generate_series(first_day, last_day, interval '1 day') d
			), opened as (
			    select cast(a.created_at at time zone 'UTC' as date) as day, count(*) as alerts
			    from %1$s, bounds
			    where a.created_at >= first_day at time zone 'UTC'
			    group by 1
			), resolved as (
			    select cast(a.resolved_at at time zone 'UTC' as date) as day, count(*) as alerts
			    from %1$s, bounds
			    where a.resolved_at >= first_day at time zone 'UTC'
			    group by 1
			)
			select w.day, coalesce(o.alerts, 0) as opened, coalesce(x.alerts, 0) as resolved
			from window_days w
			left join opened o on o.day = w.day
			left join resolved x on x.day = w.day
			order by w.day
			""";

	private final DatabaseClient db;

	AlertSummaryQueries(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * @param days how many days back the timeline goes, today included
	 * @param organizations the organisations seen, or null for all
	 */
	public Mono<AlertSummary> summary(int days, String[] organizations) {
		String alerts = organizations == null ? ALL_ALERTS : SEEN_ALERTS;
		Mono<Map<String, Map<String, Long>>> counts = scoped(db.sql(COUNTS.formatted(alerts)), organizations)
			.map(row -> List.of(row.get("dimension", String.class), row.get("value", String.class),
					String.valueOf(row.get("alerts", Long.class))))
			.all()
			.collect(LinkedHashMap::new, (byDimension, row) -> byDimension
				.computeIfAbsent(row.get(0), key -> new LinkedHashMap<>())
				.put(row.get(1), Long.parseLong(row.get(2))));
		Mono<List<AlertSummary.Day>> timeline = scoped(db.sql(DAYS.formatted(alerts)), organizations)
			.bind("days", days)
			.map(row -> new AlertSummary.Day(row.get("day", LocalDate.class), row.get("opened", Long.class),
					row.get("resolved", Long.class)))
			.all()
			.collectList();
		return Mono.zip(counts, timeline)
			.map(both -> new AlertSummary(dimension(both.getT1(), "provider"), dimension(both.getT1(), "secretType"),
					dimension(both.getT1(), "state"), dimension(both.getT1(), "validity"), both.getT2()));
	}

	private static DatabaseClient.GenericExecuteSpec scoped(DatabaseClient.GenericExecuteSpec spec,
			String[] organizations) {
		return organizations == null ? spec : spec.bind("organizations", organizations);
	}

	private static Map<String, Long> dimension(Map<String, Map<String, Long>> counts, String name) {
		return counts.getOrDefault(name, Map.of());
	}

}
