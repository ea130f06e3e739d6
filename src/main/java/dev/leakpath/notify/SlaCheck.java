package dev.leakpath.notify;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Records an {@code alert_sla_breached} event, once, for each open alert older than its deadline. An alert's
 * severity is the highest risk of the open attack paths it is evidence for, {@code low} when it is on none.
 */
@Component
class SlaCheck {

	private static final String BREACHES = """
			with severity as (
			    select u.alert_id, max(risk_rank(p.risk_level)) as rank
			    from attack_path p cross join unnest(p.alert_ids) as u(alert_id)
			    where p.status = 'open'
			    group by u.alert_id
			), levels as (
			    select a.id, a.repository_id, a.created_at,
			           (array['low', 'medium', 'high', 'critical'])[coalesce(s.rank, 1)] as level
			    from alert a
			    left join severity s on s.alert_id = a.id
			    where a.state = 'open'
			)
			insert into notification_event (kind, repository_id, alert_id, risk_level)
			select 'alert_sla_breached', l.repository_id, l.id, l.level
			from levels l
			where l.created_at < now() - cast(case l.level when 'critical' then :critical when 'high' then :high
			                                               when 'medium' then :medium else :low end as interval)
			on conflict (alert_id) where kind = 'alert_sla_breached' do nothing
			""";

	private final DatabaseClient db;

	private final NotificationProperties.Sla sla;

	SlaCheck(DatabaseClient db, NotificationProperties properties) {
		this.db = db;
		this.sla = properties.sla();
	}

	/** Returns how many alerts newly breached their deadline. */
	Mono<Long> record() {
		return db.sql(BREACHES)
			.bind("critical", sla.critical().toSeconds() + " seconds")
			.bind("high", sla.high().toSeconds() + " seconds")
			.bind("medium", sla.medium().toSeconds() + " seconds")
			.bind("low", sla.low().toSeconds() + " seconds")
			.fetch()
			.rowsUpdated();
	}

}
