package dev.leakpath.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

/**
 * The counts the overview reads are kept by the database as alerts change: after inserts, state and type changes,
 * updates that change nothing counted, a repository moving to another organisation and deletes, they equal a
 * count of the alerts themselves.
 */
class AlertCountsTests extends IntegrationTest {

	private static final String COUNTED = """
			select r.organization || ' ' || a.provider || ' ' || a.secret_type || ' ' || a.state || ' '
			       || coalesce(a.validity, 'unknown') || ' ' || count(*)
			from alert a join repository r on r.id = a.repository_id
			group by r.organization, a.provider, a.secret_type, a.state, coalesce(a.validity, 'unknown')
			order by 1
			""";

	private static final String KEPT = """
			select organization || ' ' || provider || ' ' || secret_type || ' ' || state || ' ' || validity || ' ' || alerts
			from alert_count where alerts <> 0 order by 1
			""";

	private static final String DAYS_COUNTED = """
			select organization || ' ' || day || ' ' || sum(opened) || ' ' || sum(resolved)
			from (select r.organization, cast(a.created_at at time zone 'UTC' as date) as day, 1 as opened, 0 as resolved
			      from alert a join repository r on r.id = a.repository_id
			      union all
			      select r.organization, cast(a.resolved_at at time zone 'UTC' as date), 0, 1
			      from alert a join repository r on r.id = a.repository_id where a.resolved_at is not null) d
			group by organization, day order by 1
			""";

	private static final String DAYS_KEPT = """
			select organization || ' ' || day || ' ' || opened || ' ' || resolved
			from alert_day where opened <> 0 or resolved <> 0 order by 1
			""";

	@Test
	void countsWhenAlertsChangeThenEqualACountOfTheAlerts() {
		postgres.execute("""
				insert into repository (provider, organization, name, full_name)
				select 'github', 'org' || (g % 3), 'r' || g, 'org' || (g % 3) || '/r' || g from generate_series(1, 30) g
				""");
		postgres.execute("""
				insert into alert (provider, repository_id, provider_alert_id, secret_type, provider_secret_type, state,
				                   provider_state, validity, created_at, resolved_at)
				select 'github', r.id, 'a' || g, case when g % 2 = 0 then 'github_personal_access_token' else 'aws_access_key_id' end,
				       'x', case when g % 5 = 0 then 'resolved' else 'open' end, 'open',
				       case when g % 7 = 0 then 'active' end, now() - (g % 20) * interval '1 day',
				       case when g % 5 = 0 then now() - (g % 3) * interval '1 day' end
				from generate_series(1, 3000) g join repository r on r.name = 'r' || (1 + g % 30)
				""");
		assertThat(postgres.rows(KEPT)).isNotEmpty().isEqualTo(postgres.rows(COUNTED));

		postgres.execute("update alert set state = 'resolved', resolved_at = now() where id % 11 = 0 and state = 'open'");
		postgres.execute("update alert set secret_type = 'slack_api_token', validity = 'inactive' where id % 13 = 0");
		postgres.execute("update alert set state = 'open', resolved_at = null where id % 19 = 0");
		postgres.execute("update alert set updated_at = now()");
		postgres.execute("update repository set organization = 'moved' where name in ('r4', 'r5')");
		postgres.execute("delete from notification_event");
		postgres.execute("delete from alert where id % 17 = 0");

		assertThat(postgres.rows(KEPT)).isEqualTo(postgres.rows(COUNTED));
		assertThat(postgres.rows(DAYS_KEPT)).isNotEmpty().isEqualTo(postgres.rows(DAYS_COUNTED));
	}

}
