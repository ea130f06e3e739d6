package dev.leakpath.alert;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The overview's counts, for the organisations a caller sees, from the counts the database keeps as alerts change
 * ({@code alert_count}, {@code alert_day}): a handful of rows per organisation, not a scan of every alert.
 */
@Component
public class AlertSummaryQueries {

	/**
	 * Every count in one pass: one grouping set per dimension. State counts every alert; the other dimensions
	 * count open alerts only, and leave out values with none.
	 */
	private static final String COUNTS = """
			select case when grouping(c.provider) = 0 then 'provider'
			            when grouping(c.secret_type) = 0 then 'secretType'
			            when grouping(c.state) = 0 then 'state'
			            else 'validity' end as dimension,
			       case when grouping(c.provider) = 0 then c.provider
			            when grouping(c.secret_type) = 0 then c.secret_type
			            when grouping(c.state) = 0 then c.state
			            else c.validity end as value,
			       cast(case when grouping(c.state) = 0 then sum(c.alerts)
			                 else coalesce(sum(c.alerts) filter (where c.state = 'open'), 0) end as bigint) as alerts
			from alert_count c
			%1$s
			group by grouping sets ((c.provider), (c.secret_type), (c.state), (c.validity))
			having (grouping(c.state) = 0 and sum(c.alerts) > 0)
			    or (grouping(c.state) = 1 and sum(c.alerts) filter (where c.state = 'open') > 0)
			order by 1, 3 desc, 2
			""";

	/** Days are UTC days; every day of the window is present. */
	private static final String DAYS = """
			with bounds as (
			    select cast(now() at time zone 'UTC' as date) - (cast(:days as int) - 1) as first_day,
			           cast(now() at time zone 'UTC' as date) as last_day
			), window_days as (
			    select cast(d as date) as day from bounds, generate_series(first_day, last_day, interval '1 day') d
			), counted as (
			    select d.day, sum(d.opened) as opened, sum(d.resolved) as resolved
			    from alert_day d, bounds
			    where d.day >= bounds.first_day %1$s
			    group by d.day
			)
			select w.day, cast(coalesce(c.opened, 0) as bigint) as opened, cast(coalesce(c.resolved, 0) as bigint) as resolved
			from window_days w
			left join counted c on c.day = w.day
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
		Mono<Map<String, Map<String, Long>>> counts = scoped(db.sql(COUNTS.formatted(
				organizations == null ? "" : "where c.organization = any(:organizations)")), organizations)
			.map(row -> List.of(row.get("dimension", String.class), row.get("value", String.class),
					String.valueOf(row.get("alerts", Long.class))))
			.all()
			.collect(LinkedHashMap::new, (byDimension, row) -> byDimension
				.computeIfAbsent(row.get(0), key -> new LinkedHashMap<>())
				.put(row.get(1), Long.parseLong(row.get(2))));
		Mono<List<AlertSummary.Day>> timeline = scoped(db.sql(DAYS.formatted(
				organizations == null ? "" : "and d.organization = any(:organizations)")), organizations)
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
