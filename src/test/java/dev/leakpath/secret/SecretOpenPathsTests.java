package dev.leakpath.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

/**
 * The open-path counts the secrets ranking reads are kept by the database as paths change: after paths open,
 * close, change without closing, and go with their repository or their secret, and secrets change target or
 * expiry, they equal a count of the open paths themselves, beside their secret's filtered columns.
 */
class SecretOpenPathsTests extends IntegrationTest {

	private static final String COUNTED = """
			select p.secret_id || ' ' || count(*) || ' ' || coalesce(min(s.target_kind), '-') || ' '
			       || coalesce(min(s.target_exists), '-') || ' ' || coalesce(cast(min(s.expires_at) as text), '-')
			from attack_path p join secret s on s.id = p.secret_id
			where p.status = 'open' group by p.secret_id order by 1
			""";

	private static final String KEPT = """
			select secret_id || ' ' || open_paths || ' ' || coalesce(target_kind, '-') || ' ' || coalesce(target_exists, '-')
			       || ' ' || coalesce(cast(expires_at as text), '-')
			from secret_open_paths where open_paths <> 0 order by 1
			""";

	@Test
	void countsWhenPathsChangeThenEqualACountOfTheOpenPaths() {
		postgres.execute("""
				insert into repository (provider, organization, name, full_name)
				select 'github', 'org', 'r' || g, 'org/r' || g from generate_series(1, 20) g;
				insert into secret (fingerprint, preview, secret_type)
				select 'fp' || g, 'ab…yz', 'azure_storage_account_key' from generate_series(1, 40) g;
				update secret set target_kind = 'cloud_resource', target_exists = 'true' where id % 2 = 0;
				""");
		postgres.execute("""
				insert into attack_path (rule_id, provider, repository_id, secret_id, target_key, alert_ids, public_entry,
				                         active_secret, target_exists, target_exposed, target_sensitive, risk_score,
				                         risk_level)
				select 'rule' || (g % 3), 'github', r.id, s.id, 'asset:' || g, array[g], false, false, true, false, false,
				       50, 'medium'
				from generate_series(1, 600) g
				join repository r on r.name = 'r' || (1 + g % 20)
				join secret s on s.fingerprint = 'fp' || (1 + g % 40)
				""");
		assertThat(postgres.rows(KEPT)).isNotEmpty().isEqualTo(postgres.rows(COUNTED));

		postgres.execute("update attack_path set status = 'resolved', resolved_at = now() where id % 7 = 0");
		postgres.execute("update attack_path set risk_score = 90, risk_level = 'critical' where id % 5 = 0");
		postgres.execute("update attack_path set secret_id = secret_id % 40 + 1 where id % 11 = 0");
		postgres.execute("delete from attack_path where id % 13 = 0");
		postgres.execute("update secret set target_exists = 'false', expires_at = now() where id % 3 = 0");
		postgres.execute("update secret set target_kind = 'cloud_identity' where id % 4 = 1");
		postgres.execute("delete from repository where name in ('r3', 'r4')");
		postgres.execute("delete from secret where fingerprint in ('fp5', 'fp6')");

		assertThat(postgres.rows(KEPT)).isEqualTo(postgres.rows(COUNTED));
	}

}
