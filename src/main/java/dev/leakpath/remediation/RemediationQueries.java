package dev.leakpath.remediation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.notify.NotificationProperties;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Time to remediate and SLA compliance, read from the alerts resolved in a window as {@code alert_risk} keeps them
 * (its {@code alert_risk_resolved_idx} holds every column the report needs), and the weekly open-versus-fixed
 * timeline from the kept daily counts ({@code alert_day}). An alert's SLA is that of the risk level it had while open ({@code alert_risk.open_risk_level};
 * low when leakpath never saw it open), as {@code leakpath.notifications.sla} sets it.
 */
@Component
public class RemediationQueries {

	/** The alerts resolved in the window, each with its time to remediate and whether it kept its SLA. */
	private static final String RESOLVED = """
			with resolved as (
			    select {key} as key,
			           cast(greatest(0, extract(epoch from k.resolved_at - k.created_at)) as float8) as seconds,
			           {withinSla} as within_sla
			    from alert_risk k {repository}
			    where k.resolved_at >= now() - make_interval(days => :days) {scope}
			)
			""";

	private static final String FIGURES = """
			count(*) as resolved, cast(avg(seconds) / 3600 as float8) as mean_hours,
			cast(percentile_cont(0.9) within group (order by seconds) / 3600 as float8) as p90_hours,
			count(*) filter (where within_sla) as within_sla
			""";

	private static final String REPORT = RESOLVED + """
			select * from (
			    select false as overall, key, {figures}
			    from resolved group by key order by mean_hours desc, key limit :limit
			) g
			union all
			select true, null, {figures} from resolved
			""";

	/** Weeks start on Monday, UTC; every week of the window is present. */
	private static final String WEEKS = """
			with weeks as (
			    select cast(w as date) as week_start
			    from generate_series(date_trunc('week', now() at time zone 'UTC') - make_interval(weeks => :weeks - 1),
			                         date_trunc('week', now() at time zone 'UTC'), interval '1 week') w
			), counted as (
			    select cast(date_trunc('week', d.day) as date) as week_start, sum(d.opened) as opened,
			           sum(d.resolved) as fixed
			    from alert_day d
			    where d.day >= (select min(week_start) from weeks) {dayScope}
			    group by 1
			), resolved as (
			    select cast(date_trunc('week', k.resolved_at at time zone 'UTC') as date) as week_start,
			           {withinSla} as within_sla
			    from alert_risk k {repository}
			    where k.resolved_at >= (select min(week_start) from weeks) at time zone 'UTC' {scope}
			), kept as (
			    select week_start, count(*) filter (where within_sla) as within_sla, count(*) as resolved
			    from resolved group by week_start
			)
			select w.week_start, cast(coalesce(c.opened, 0) as bigint) as opened, cast(coalesce(c.fixed, 0) as bigint) as fixed,
			       coalesce(s.within_sla, 0) as within_sla, coalesce(s.resolved, 0) as resolved,
			       (select cast(coalesce(sum(n.alerts), 0) as bigint) from alert_count n
			        where n.state = 'open' {countScope}) as open_now
			from weeks w
			left join counted c on c.week_start = w.week_start
			left join kept s on s.week_start = w.week_start
			order by w.week_start
			""";

	/** Resolved within the SLA of the level the alert had open, low when leakpath never saw it open. */
	private static final String WITHIN_SLA = """
			extract(epoch from k.resolved_at - k.created_at)
			    <= case coalesce(k.open_risk_level, 'low') when 'critical' then :critical
			       when 'high' then :high when 'medium' then :medium else :low end""";

	private static final String REPOSITORY = "join repository r on r.id = k.repository_id";

	private final DatabaseClient db;

	private final NotificationProperties.Sla sla;

	RemediationQueries(DatabaseClient db, NotificationProperties notifications) {
		this.db = db;
		this.sla = notifications.sla();
	}

	/**
	 * @param organizations the organisations seen, or null for all
	 */
	public Mono<RemediationReport> report(RemediationDimension by, int days, int limit, String[] organizations) {
		String sql = REPORT.replace("{figures}", FIGURES)
			.replace("{key}", by.key())
			.replace("{withinSla}", WITHIN_SLA)
			.replace("{repository}", by.readsRepository() || organizations != null ? REPOSITORY : "")
			.replace("{scope}", organizations == null ? "" : "and r.organization = any(:organizations)");
		return bound(db.sql(sql), organizations).bind("days", days)
			.bind("limit", limit + 1)
			.map(row -> new Row(Boolean.TRUE.equals(row.get("overall", Boolean.class)), row.get("key", String.class),
					figures(row)))
			.all()
			.collectList()
			.map(rows -> {
				List<RemediationGroup> groups = new ArrayList<>();
				RemediationFigures overall = null;
				for (Row row : rows) {
					if (row.overall()) {
						overall = row.figures();
					}
					else {
						groups.add(new RemediationGroup(row.key(), row.figures()));
					}
				}
				boolean more = groups.size() > limit;
				return new RemediationReport(days, by.parameter(), overall,
						List.copyOf(more ? groups.subList(0, limit) : groups), more);
			});
	}

	/** The last {@code weeks} weeks, oldest first, this week included. */
	public Mono<List<RemediationWeek>> weeks(int weeks, String[] organizations) {
		String sql = WEEKS.replace("{withinSla}", WITHIN_SLA)
			.replace("{repository}", organizations == null ? "" : REPOSITORY)
			.replace("{scope}", organizations == null ? "" : "and r.organization = any(:organizations)")
			.replace("{dayScope}", organizations == null ? "" : "and d.organization = any(:organizations)")
			.replace("{countScope}", organizations == null ? "" : "and n.organization = any(:organizations)");
		return bound(db.sql(sql), organizations).bind("weeks", weeks)
			.map(row -> new Counted(row.get("week_start", LocalDate.class), row.get("opened", Long.class),
					row.get("fixed", Long.class), row.get("within_sla", Long.class), row.get("resolved", Long.class),
					row.get("open_now", Long.class)))
			.all()
			.collectList()
			.map(RemediationQueries::withOpenAtEnd);
	}

	/** Open at a week's end: open now, less what later weeks opened, plus what they fixed. */
	private static List<RemediationWeek> withOpenAtEnd(List<Counted> counted) {
		List<RemediationWeek> weeks = new ArrayList<>();
		long open = counted.isEmpty() ? 0 : counted.get(0).openNow();
		for (int i = counted.size() - 1; i >= 0; i--) {
			Counted week = counted.get(i);
			weeks.add(0, new RemediationWeek(week.weekStart(), week.opened(), week.fixed(), Math.max(0, open),
					week.withinSla(), week.resolved() == 0 ? null : (double) week.withinSla() / week.resolved()));
			open = open - week.opened() + week.fixed();
		}
		return weeks;
	}

	private DatabaseClient.GenericExecuteSpec bound(DatabaseClient.GenericExecuteSpec spec, String[] organizations) {
		DatabaseClient.GenericExecuteSpec withSla = spec.bind("critical", sla.critical().toSeconds())
			.bind("high", sla.high().toSeconds())
			.bind("medium", sla.medium().toSeconds())
			.bind("low", sla.low().toSeconds());
		return organizations == null ? withSla : withSla.bind("organizations", organizations);
	}

	private static RemediationFigures figures(Readable row) {
		long resolved = row.get("resolved", Long.class);
		long within = row.get("within_sla", Long.class);
		return new RemediationFigures(resolved, rounded(row.get("mean_hours", Double.class)),
				rounded(row.get("p90_hours", Double.class)), within, resolved == 0 ? null : (double) within / resolved);
	}

	private static Double rounded(Double hours) {
		return hours == null ? null : Math.round(hours * 10) / 10.0;
	}

	private record Row(boolean overall, String key, RemediationFigures figures) {
	}

	private record Counted(LocalDate weekStart, long opened, long fixed, long withinSla, long resolved, long openNow) {
	}

}
