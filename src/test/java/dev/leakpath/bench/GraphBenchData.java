package dev.leakpath.bench;

import dev.leakpath.testsupport.TestPostgres;

/**
 * The security graph benchmark's data, written straight into the tables: {@value #REPOSITORIES} repositories (7 in
 * 10 GitHub, 2 in 10 public), {@value #ASSETS} assets (8 resource types, a third internet-exposed), {@value #SECRETS}
 * secrets and {@value #ALERTS} alerts (each secret in two alerts of neighbouring repositories, 3 in 10 resolved),
 * each alert with one location. {@link #printShape} counts what was written, so that the figures describe the data
 * actually measured.
 */
final class GraphBenchData {

	static final int REPOSITORIES = 100_000;

	static final int ASSETS = 100_000;

	static final int SECRETS = 500_000;

	static final int ALERTS = 1_000_000;

	private GraphBenchData() {
	}

	static void generate(TestPostgres postgres) {
		postgres.execute("""
				insert into repository (provider, organization, project, name, full_name, url, visibility, archived)
				select case when g %% 10 < 7 then 'github' else 'azure_devops' end, 'org' || g %% 100,
				       case when g %% 10 >= 7 then 'project' || g %% 50 end, 'repo' || g, 'org' || g %% 100 || '/repo' || g,
				       'https://example.invalid/repo' || g, case when g %% 10 in (0, 7) then 'public' else 'private' end,
				       false
				from generate_series(cast(1 as bigint), %d) g""".formatted(REPOSITORIES));
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, internet_exposed,
				                   sensitive_data, ssh_key_fingerprints, source)
				select case when g %% 8 in (4, 5) then 'aws' else 'azure' end, type, 'id/' || g, 'asset' || g,
				       array['asset' || g || '.example.invalid'], 'westeurope',
				       case when g %% 8 in (4, 5) then 'acct' || g %% 1000 else 'sub' || g %% 100 end,
				       g %% 3 = 0, g %% 5 = 0,
				       case when g %% 8 = 6 then array['SHA256:vm' || g] else '{}' end, 'bench'
				from generate_series(cast(1 as bigint), %d) g,
				     lateral (select (array['Microsoft.Storage/storageAccounts', 'Microsoft.Sql/servers',
				                            'Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.DocumentDB/databaseAccounts',
				                            'AWS::S3::Bucket', 'AWS::RDS::DBInstance', 'Microsoft.Compute/virtualMachines',
				                            'Microsoft.KeyVault/vaults'])[1 + g %% 8] as type) t""".formatted(ASSETS));
		// 60% reach an inventory asset, 10% an unlisted one, 2% are AWS keys (about 12 buckets per account),
		// 2% SSH keys a VM accepts, and the rest name nothing
		postgres.execute("""
				insert into secret (fingerprint, preview, secret_type, target_kind, target_asset_id, target_exists,
				                    target_resource_type, target_name, target_cloud, target_account_id,
				                    target_key_fingerprint)
				select 'fp' || g, 'abcd…wxyz',
				       case when g %% 50 < 30 then 'azure_storage_account_key' when g %% 50 < 35 then 'azure_sas_token'
				            when g %% 50 = 35 then 'aws_access_key_id' when g %% 50 = 36 then 'rsa_private_key'
				            else 'slack_api_token' end,
				       case when g %% 50 < 35 then 'cloud_resource' when g %% 50 < 37 then 'cloud_identity'
				            else 'saas_identity' end,
				       case when g %% 50 < 30 then 1 + (g * 7919) %% %d end,
				       case when g %% 50 < 30 then 'true' when g %% 50 < 35 then 'unknown' end,
				       case when g %% 50 between 30 and 34 then 'Microsoft.Storage/storageAccounts'
				            when g %% 50 = 35 then 'AWS::IAM::AccessKey' when g %% 50 = 36 then 'ssh/private-key' end,
				       case when g %% 50 between 30 and 34 then 'unlisted' || g %% 5000 end,
				       case when g %% 50 between 30 and 34 then 'azure' when g %% 50 = 35 then 'aws' end,
				       case when g %% 50 = 35 then 'acct' || g %% 1000 end,
				       case when g %% 50 = 36 then 'SHA256:vm' || (8 * (g %% 12500) + 6) end
				from generate_series(cast(1 as bigint), %d) g""".formatted(ASSETS, SECRETS));
		postgres.execute("""
				update secret s set target_resource_type = a.resource_type, target_name = a.name, target_cloud = a.cloud
				from asset a where a.id = s.target_asset_id""");
		postgres.execute("""
				-- each secret has two alerts, g and g + SECRETS, in neighbouring repositories
				insert into alert (provider, repository_id, provider_alert_id, secret_type, provider_secret_type, state,
				                   provider_state, resolution, provider_resolution, validity, secret_id, alert_url,
				                   created_at, resolved_at)
				select r.provider, r.id, g::text, s.secret_type, s.secret_type, a.state,
				       case when a.state = 'resolved' then case when r.provider = 'github' then 'resolved' else 'fixed' end
				            when r.provider = 'github' then 'open' else 'active' end,
				       case when a.state = 'resolved' then 'revoked' end, case when a.state = 'resolved' then 'revoked' end,
				       case when g %% 5 < 2 then 'active' else 'unknown' end, s.id,
				       'https://example.invalid/alerts/' || g, a.created_at,
				       case when a.state = 'resolved' then a.created_at + interval '1 day' end
				from generate_series(cast(1 as bigint), %d) g
				-- spread over the last 90 days, so that the overview's timeline has data
				cross join lateral (select case when (g + g / %d * 3) %% 10 >= 7 then 'resolved' else 'open' end as state,
				                           now() - (g %% 90) * interval '1 day' - interval '1 day' as created_at) a
				join repository r on r.id = 1 + ((g * 7907) %% %d + g / %d) %% %d
				join secret s on s.id = 1 + (g * 104729) %% %d""".formatted(ALERTS, SECRETS, REPOSITORIES, SECRETS,
				REPOSITORIES, SECRETS));
		postgres.execute("""
				insert into alert_location (alert_id, location_key, type, path, start_line, commit_sha, file_url)
				select id, 'commit:' || id, 'commit', 'src/config-' || id || '.yml', 1 + id % 300, md5(id::text),
				       'https://example.invalid/blob/' || id
				from alert""");
		postgres.execute("analyze");
	}

	/** Counts the generated rows and prints them beside what the generator claims. */
	static void printShape(TestPostgres postgres) {
		System.out.println("Generated data, counted:");
		row(postgres, "repositories", REPOSITORIES, "select count(*) from repository");
		row(postgres, "  of which GitHub (claimed 70 %)", REPOSITORIES * 7 / 10,
				"select count(*) from repository where provider = 'github'");
		row(postgres, "  of which public (claimed 20 %)", REPOSITORIES / 5,
				"select count(*) from repository where visibility = 'public'");
		row(postgres, "  with at least one alert", REPOSITORIES, "select count(distinct repository_id) from alert");
		row(postgres, "assets", ASSETS, "select count(*) from asset");
		row(postgres, "  internet-exposed (claimed a third)", ASSETS / 3,
				"select count(*) from asset where internet_exposed");
		row(postgres, "secrets", SECRETS, "select count(*) from secret");
		row(postgres, "  in exactly two alerts", SECRETS, "select count(*) from (select secret_id from alert "
				+ "group by secret_id having count(*) = 2 and count(distinct repository_id) = 2) s");
		row(postgres, "  reaching an inventory asset (claimed 60 %)", SECRETS * 6 / 10,
				"select count(*) from secret where target_asset_id is not null");
		row(postgres, "  reaching an unlisted resource (claimed 10 %)", SECRETS / 10,
				"select count(*) from secret where target_kind = 'cloud_resource' and target_asset_id is null");
		row(postgres, "  AWS access keys (claimed 2 %)", SECRETS / 50,
				"select count(*) from secret where target_resource_type = 'AWS::IAM::AccessKey'");
		row(postgres, "  SSH keys some VM accepts (claimed 2 %)", SECRETS / 50, "select count(distinct s.id) from secret s "
				+ "join (select unnest(ssh_key_fingerprints) as fingerprint from asset) a "
				+ "on a.fingerprint = s.target_key_fingerprint");
		row(postgres, "alerts", ALERTS, "select count(*) from alert");
		row(postgres, "  resolved (claimed 30 %)", ALERTS * 3 / 10, "select count(*) from alert where state = 'resolved'");
		row(postgres, "alert locations (claimed one each)", ALERTS, "select count(*) from alert_location");
	}

	private static void row(TestPostgres postgres, String what, long claimed, String count) {
		long counted = postgres.count(count);
		System.out.printf("  %-48s %,10d  (claimed %,d)%s%n", what, counted, claimed,
				Math.abs(counted - claimed) > claimed / 50 ? "  <- differs" : "");
	}

}
