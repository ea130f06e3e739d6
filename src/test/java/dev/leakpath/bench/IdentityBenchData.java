package dev.leakpath.bench;

import java.util.List;
import java.util.stream.IntStream;

import dev.leakpath.testsupport.TestPostgres;

/**
 * The identity graph benchmark's inventory, written straight into the tables the inventory readers fill
 * ({@code asset}, {@code aws_iam_user}, {@code aws_access_key}, {@code aws_bucket_policy}, {@code gcp_resource},
 * {@code gcp_service_account}, {@code gcp_service_account_key}, {@code gcp_iam_binding}), so that the real
 * evaluations ({@code AwsAccessEvaluation}, {@code GcpAccessEvaluation}) turn them into identities and their
 * access:
 * <ul>
 * <li>{@value #AWS_ACCOUNTS} AWS accounts of {@value #BUCKETS_PER_ACCOUNT} S3 buckets (40 teams of 50) and
 * {@value #USERS_PER_ACCOUNT} IAM users, one access key each (every tenth a second, inactive one). Each user has
 * an inline policy of six statements (three objects read, one write under a condition, one read through
 * {@code ${aws:username}}, EC2 and S3 metadata actions on {@code *}, a Deny of deletes on {@code *}) and its
 * team's managed policy through its group; one in ten can also do everything to its team's buckets
 * ({@code team-*}). Per 200 users, one has AdministratorAccess, one a managed policy whose document is
 * missing (reach assumed), one an Allow with {@code NotResource}, one {@code s3:Get*} on every bucket but its
 * team's, which a Deny removes. A quarter of the buckets have a policy (a conditional Deny to everyone and an
 * Allow to one user), one in 500 of them also public; one in 8 of the others an Allow to the account root
 * (which delegates, reaching nobody); one bucket per account has a policy that could not be read.</li>
 * <li>{@value #GCP_SCOPES} GCP projects of {@value #GCP_RESOURCES_PER_SCOPE} resources (8 in 10 buckets, Cloud SQL
 * and Compute instances) and {@value #GCP_ACCOUNTS_PER_SCOPE} service accounts with one key each: three
 * bindings per resource (a reader, a writer, a legacy role to the project's owners) and some on the project
 * (storage reader, editor, conditional object admin, a role giving no data access).</li>
 * <li>{@value #AZURE_ASSETS} Azure resources, inventory only.</li>
 * <li>The leaked keys: the secrets of one AWS user in 8 (and, in every eighth account, of the administrator, the user
 * whose policy is not known and the one with NotResource) and
 * of one service account in 8, each in an open alert of one of {@value #REPOSITORIES} repositories.</li>
 * </ul>
 * {@link #printShape} counts what was written and evaluated, so the figures describe the data measured.
 */
final class IdentityBenchData {

	static final int AWS_ACCOUNTS = 40;

	static final int BUCKETS_PER_ACCOUNT = 2000;

	static final int USERS_PER_ACCOUNT = 400;

	static final int GCP_SCOPES = 20;

	static final int GCP_RESOURCES_PER_SCOPE = 500;

	static final int GCP_ACCOUNTS_PER_SCOPE = 200;

	static final int AZURE_ASSETS = 10_000;

	static final int REPOSITORIES = 500;

	private IdentityBenchData() {
	}

	static String accountId(int account) {
		return String.valueOf(100_000_000_000L + account);
	}

	static String gcpScope(int scope) {
		return "projects/gp" + scope + "-project";
	}

	static List<String> accounts() {
		return IntStream.range(0, AWS_ACCOUNTS).mapToObj(IdentityBenchData::accountId).toList();
	}

	static List<String> gcpScopes() {
		return IntStream.range(0, GCP_SCOPES).mapToObj(IdentityBenchData::gcpScope).toList();
	}

	/** The user ARN of user {@code user} of account {@code account}. */
	static String userArn(int account, int user) {
		return "arn:aws:iam::" + accountId(account) + ":user/user" + user;
	}

	static void generate(TestPostgres postgres) {
		generateAws(postgres);
		generateGcp(postgres);
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, internet_exposed,
				                   sensitive_data, source)
				select 'azure', (array['Microsoft.Storage/storageAccounts', 'Microsoft.Sql/servers',
				                       'Microsoft.KeyVault/vaults', 'Microsoft.Compute/virtualMachines'])[1 + g %% 4],
				       '/subscriptions/sub' || g %% 20 || '/resourceGroups/rg' || g %% 200 || '/providers/x/res' || g,
				       'azres' || g, array['azres' || g || '.example.invalid'], 'westeurope', 'sub' || g %% 20,
				       g %% 3 = 0, g %% 5 = 0, 'resource-graph'
				from generate_series(1, %d) g""".formatted(AZURE_ASSETS));
		generateLeaks(postgres);
		postgres.execute("analyze");
	}

	private static void generateAws(TestPostgres postgres) {
		// accounts a, buckets b: team b % 40, number b / 40; S3Buckets keeps a policy row for every bucket (policy
		// null when it has none), and a bucket without one counts as unreadable
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, internet_exposed,
				                   sensitive_data, source)
				select 'aws', 'AWS::S3::Bucket', 'arn:aws:s3:::' || n.name, n.name, array[n.name || '.s3.amazonaws.com'],
				       'eu-west-1', (100000000000 + a)::text, b %% 500 = 0, b %% 5 = 0,
				       'aws:' || (100000000000 + a) || ':s3'
				from generate_series(0, %d) a, generate_series(0, %d) b,
				     lateral (select 'a' || a || '-team' || b %% 40 || '-b' || b / 40 as name) n
				order by a, b""".formatted(AWS_ACCOUNTS - 1, BUCKETS_PER_ACCOUNT - 1));
		postgres.execute("""
				insert into aws_bucket_policy (bucket_arn, account_id, policy, readable)
				select 'arn:aws:s3:::' || n.name, (100000000000 + a)::text,
				       case when b %% 4 = 0 then jsonb_build_object('Version', '2012-10-17', 'Statement',
				           jsonb_build_array(
				               jsonb_build_object('Effect', 'Deny', 'Principal', '*', 'Action', 's3:*',
				                   'Resource', jsonb_build_array(n.arn, n.arn || '/*'),
				                   'Condition', jsonb_build_object('Bool', jsonb_build_object('aws:SecureTransport', 'false'))),
				               jsonb_build_object('Effect', 'Allow',
				                   'Principal', jsonb_build_object('AWS', 'arn:aws:iam::' || (100000000000 + a) || ':user/user'
				                                                        || (b * 7) %% %3$d),
				                   'Action', 's3:GetObject', 'Resource', n.arn || '/*'))
				           || case when b %% 500 = 0 then jsonb_build_array(jsonb_build_object('Effect', 'Allow',
				                  'Principal', '*', 'Action', 's3:GetObject', 'Resource', n.arn || '/*'))
				              else '[]'::jsonb end)
				       when b %% 8 = 1 then jsonb_build_object('Version', '2012-10-17', 'Statement', jsonb_build_array(
				           jsonb_build_object('Effect', 'Allow',
				               'Principal', jsonb_build_object('AWS', 'arn:aws:iam::' || (100000000000 + a) || ':root'),
				               'Action', 's3:*', 'Resource', jsonb_build_array(n.arn, n.arn || '/*'))))
				       end,
				       b <> %2$d
				from generate_series(0, %1$d) a, generate_series(0, %2$d) b,
				     lateral (select 'a' || a || '-team' || b %% 40 || '-b' || b / 40 as name) n0,
				     lateral (select n0.name, 'arn:aws:s3:::' || n0.name as arn) n""".formatted(AWS_ACCOUNTS - 1, BUCKETS_PER_ACCOUNT - 1,
				USERS_PER_ACCOUNT));
		postgres.execute("""
				insert into aws_iam_user (arn, account_id, user_name, user_id, policies)
				select 'arn:aws:iam::' || acct || ':user/user' || u, acct, 'user' || u, 'AIDA' || lpad((a * 100000 + u)::text, 17, '0'),
				       jsonb_build_array(
				           jsonb_build_object('kind', 'inline', 'via', 'user', 'name', 'app-' || u, 'document',
				               jsonb_build_object('Version', '2012-10-17', 'Statement', jsonb_build_array(
				                   jsonb_build_object('Effect', 'Allow', 'Action', 's3:GetObject', 'Resource', jsonb_build_array(
				                       'arn:aws:s3:::' || p || t || '-b' || u %% 50 || '/*',
				                       'arn:aws:s3:::' || p || t || '-b' || (u + 17) %% 50 || '/*',
				                       'arn:aws:s3:::' || p || (t + 1) %% 40 || '-b' || (u + 29) %% 50 || '/*')),
				                   jsonb_build_object('Effect', 'Allow', 'Action', 's3:PutObject',
				                       'Resource', 'arn:aws:s3:::' || p || t || '-b' || (u + 3) %% 50 || '/uploads/*',
				                       'Condition', jsonb_build_object('StringEquals',
				                           jsonb_build_object('s3:x-amz-acl', 'bucket-owner-full-control'))),
				                   jsonb_build_object('Effect', 'Allow', 'Action', 's3:GetObject',
				                       'Resource', 'arn:aws:s3:::' || p || t || '-b' || (u + 5) %% 50 || '/home/${aws:username}/*'),
				                   jsonb_build_object('Effect', 'Allow',
				                       'Action', jsonb_build_array('ec2:DescribeInstances', 'cloudwatch:PutMetricData'),
				                       'Resource', '*'),
				                   jsonb_build_object('Effect', 'Allow',
				                       'Action', jsonb_build_array('s3:GetBucketLocation', 's3:ListAllMyBuckets'),
				                       'Resource', '*'),
				                   jsonb_build_object('Effect', 'Deny', 'Action', 's3:DeleteObject', 'Resource', '*')))),
				           jsonb_build_object('kind', 'managed', 'via', 'group:team' || t, 'name', 'team' || t || '-logs',
				               'arn', 'arn:aws:iam::' || acct || ':policy/team' || t || '-logs', 'document',
				               jsonb_build_object('Version', '2012-10-17', 'Statement', jsonb_build_array(
				                   jsonb_build_object('Effect', 'Allow', 'Action', jsonb_build_array('s3:ListBucket', 's3:GetObject'),
				                       'Resource', jsonb_build_array('arn:aws:s3:::' || p || t || '-b0',
				                                                     'arn:aws:s3:::' || p || t || '-b0/*')))))
				       ) || case
				           when u %% 200 = 0 then jsonb_build_array(jsonb_build_object('kind', 'managed', 'via', 'user',
				               'name', 'AdministratorAccess', 'arn', 'arn:aws:iam::aws:policy/AdministratorAccess',
				               'document', jsonb_build_object('Version', '2012-10-17', 'Statement',
				                   jsonb_build_array(jsonb_build_object('Effect', 'Allow', 'Action', '*', 'Resource', '*')))))
				           when u %% 200 = 1 then jsonb_build_array(jsonb_build_object('kind', 'managed', 'via', 'group:ops',
				               'name', 'PowerUserAccess', 'arn', 'arn:aws:iam::aws:policy/PowerUserAccess'))
				           when u %% 200 = 2 then jsonb_build_array(jsonb_build_object('kind', 'inline', 'via', 'user',
				               'name', 'all-but-team0', 'document', jsonb_build_object('Version', '2012-10-17', 'Statement',
				                   jsonb_build_array(jsonb_build_object('Effect', 'Allow', 'Action', 's3:*',
				                       'NotResource', jsonb_build_array('arn:aws:s3:::' || p || '0-*'))))))
				           when u %% 200 = 3 then jsonb_build_array(jsonb_build_object('kind', 'inline', 'via', 'user',
				               'name', 'read-all-but-own-team', 'document', jsonb_build_object('Version', '2012-10-17',
				                   'Statement', jsonb_build_array(
				                       jsonb_build_object('Effect', 'Allow', 'Action', 's3:Get*', 'Resource', 'arn:aws:s3:::*'),
				                       jsonb_build_object('Effect', 'Deny', 'Action', 's3:*',
				                           'Resource', 'arn:aws:s3:::' || p || t || '-*')))))
				           when u %% 10 = 4 then jsonb_build_array(jsonb_build_object('kind', 'inline', 'via', 'user',
				               'name', 'team-' || t || '-all', 'document', jsonb_build_object('Version', '2012-10-17',
				                   'Statement', jsonb_build_array(jsonb_build_object('Effect', 'Allow',
				                       'Action', jsonb_build_array('s3:GetObject', 's3:ListBucket', 's3:PutObject'),
				                       'Resource', 'arn:aws:s3:::' || p || t || '-*')))))
				           else '[]'::jsonb end
				from generate_series(0, %d) a, generate_series(0, %d) u,
				     lateral (select (100000000000 + a)::text as acct, 'a' || a || '-team' as p, u %% 40 as t) v
				""".formatted(AWS_ACCOUNTS - 1, USERS_PER_ACCOUNT - 1));
		// the fingerprint as AwsIdentityStore computes it from the key id
		postgres.execute("""
				insert into aws_access_key (key_fingerprint, user_arn, status)
				select 'sha256:' || encode(sha256(convert_to(k.id, 'UTF8')), 'hex'), u.arn, k.status
				from aws_iam_user u,
				     lateral (select 'AKIA' || upper(substr(md5(u.arn), 1, 16)) as id, 'Active' as status
				              union all
				              select 'AKIA' || upper(substr(md5(u.arn || '#2'), 1, 16)), 'Inactive'
				              where u.user_name like '%0') k""");
	}

	private static void generateGcp(TestPostgres postgres) {
		// scopes p (projects/gpP-project, number 50000P), resources r, service accounts s
		postgres.execute("""
				insert into gcp_resource (name, scope, asset_type, project, folders, organization)
				select case when r %% 10 < 8 then '//storage.googleapis.com/projects/_/buckets/gp' || p || '-r' || r
				            when r %% 10 = 8 then '//sqladmin.googleapis.com/projects/gp' || p || '-project/instances/sql' || r
				            else '//compute.googleapis.com/projects/gp' || p || '-project/zones/europe-west1-b/instances/vm' || r
				       end,
				       'projects/gp' || p || '-project',
				       case when r %% 10 < 8 then 'storage.googleapis.com/Bucket' when r %% 10 = 8
				            then 'sqladmin.googleapis.com/Instance' else 'compute.googleapis.com/Instance' end,
				       'projects/50000' || p, array['folders/7' || p %% 4], 'organizations/900'
				from generate_series(0, %d) p, generate_series(0, %d) r""".formatted(GCP_SCOPES - 1,
				GCP_RESOURCES_PER_SCOPE - 1));
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, region, account_id, internet_exposed,
				                   sensitive_data, source)
				select 'gcp', asset_type, name, substr(name, length(name) - strpos(reverse(name), '/') + 2), '{}',
				       'europe-west1', substr(scope, 10), false, true, 'gcp:' || scope
				from gcp_resource order by name""");
		postgres.execute("""
				insert into gcp_service_account (email, scope, name, project, unique_id, disabled)
				select 'sa' || s || '@gp' || p || '-project.iam.gserviceaccount.com', 'projects/gp' || p || '-project',
				       'projects/gp' || p || '-project/serviceAccounts/sa' || s, 'projects/50000' || p,
				       (1000000 + p * 1000 + s)::text, false
				from generate_series(0, %d) p, generate_series(0, %d) s""".formatted(GCP_SCOPES - 1,
				GCP_ACCOUNTS_PER_SCOPE - 1));
		postgres.execute("""
				insert into gcp_service_account_key (key_id, service_account_email, name, key_type, disabled)
				select md5(email), email, name || '/keys/' || md5(email), 'USER_MANAGED', false
				from gcp_service_account""");
		postgres.execute("""
				insert into gcp_iam_binding (scope, resource, asset_type, role, member, conditional)
				select r.scope, r.name, r.asset_type, b.role, b.member, false
				from gcp_resource r,
				     lateral (select substr(r.scope, 10) as project, cast(substring(r.name from '[0-9]+$') as int) as n) v,
				     lateral (values
				         (case r.asset_type when 'storage.googleapis.com/Bucket' then 'roles/storage.objectViewer'
				              when 'sqladmin.googleapis.com/Instance' then 'roles/cloudsql.client'
				              else 'roles/compute.viewer' end,
				          'serviceAccount:sa' || (v.n * 3) %% %1$d || '@' || v.project || '.iam.gserviceaccount.com'),
				         (case r.asset_type when 'storage.googleapis.com/Bucket' then 'roles/storage.objectAdmin'
				              when 'sqladmin.googleapis.com/Instance' then 'roles/cloudsql.editor'
				              else 'roles/compute.instanceAdmin.v1' end,
				          'serviceAccount:sa' || (v.n * 7 + 1) %% %1$d || '@' || v.project || '.iam.gserviceaccount.com'),
				         ('roles/storage.legacyBucketOwner', 'projectOwner:' || v.project)) as b (role, member)""".formatted(
				GCP_ACCOUNTS_PER_SCOPE));
		postgres.execute("""
				insert into gcp_iam_binding (scope, resource, asset_type, role, member, conditional)
				select 'projects/gp' || p || '-project', 'projects/50000' || p, 'cloudresourcemanager.googleapis.com/Project',
				       b.role, 'serviceAccount:sa' || s || '@gp' || p || '-project.iam.gserviceaccount.com', b.conditional
				from generate_series(0, %d) p, generate_series(0, %d) s,
				     lateral (select 'roles/storage.objectViewer' as role, false as conditional where s %% 10 = 0
				              union all select 'roles/editor', false where s %% 50 = 1
				              union all select 'roles/storage.objectAdmin', true where s %% 10 = 5
				              union all select 'roles/logging.logWriter', false where s %% 3 = 0) b""".formatted(
				GCP_SCOPES - 1, GCP_ACCOUNTS_PER_SCOPE - 1));
	}

	private static void generateLeaks(TestPostgres postgres) {
		postgres.execute("""
				insert into repository (provider, organization, name, full_name, url, visibility, archived)
				select 'github', 'org' || g %% 10, 'repo' || g, 'org' || g %% 10 || '/repo' || g,
				       'https://example.invalid/repo' || g, case when g %% 10 = 0 then 'public' else 'private' end, false
				from generate_series(1, %d) g""".formatted(REPOSITORIES));
		// the target as the AWS key resolver leaves it: the key's account and the fingerprint of its id
		postgres.execute("""
				insert into secret (fingerprint, preview, secret_type, target_kind, target_exists, target_resource_type,
				                    target_name, target_cloud, target_account_id, target_key_fingerprint)
				select 'aws-' || k.key_fingerprint, 'AKIA…', 'aws_access_key_id', 'cloud_identity', 'unknown',
				       'AWS::IAM::AccessKey', null, 'aws', u.account_id, k.key_fingerprint
				from aws_access_key k
				join aws_iam_user u on u.arn = k.user_arn
				where k.status = 'Active'
				  and (cast(substring(u.user_name from '[0-9]+$') as int) % 8 = 5
				       or (u.user_name in ('user0', 'user1', 'user2') and cast(u.account_id as bigint) % 8 = 0))
				order by u.account_id, u.arn""");
		postgres.execute("""
				insert into secret (fingerprint, preview, secret_type, target_kind, target_exists, target_resource_type,
				                    target_name, target_cloud, target_account_id, target_key_fingerprint)
				select 'gcp-' || k.key_id, '{"type…', 'google_cloud_private_key_id', 'cloud_identity', 'unknown',
				       'iam.googleapis.com/ServiceAccountKey', k.key_id, 'gcp', null,
				       'sha256:' || encode(sha256(convert_to(k.key_id, 'UTF8')), 'hex')
				from gcp_service_account_key k
				where cast(substring(k.service_account_email from '^sa([0-9]+)@') as int) % 8 = 5
				order by k.key_id""");
		postgres.execute("""
				insert into alert (provider, repository_id, provider_alert_id, secret_type, provider_secret_type, state,
				                   provider_state, validity, secret_id, alert_url, created_at)
				select 'github', 1 + s.id %% %d, s.id::text, s.secret_type, s.secret_type, 'open', 'open',
				       case when s.id %% 3 = 0 then 'active' else 'unknown' end, s.id,
				       'https://example.invalid/alerts/' || s.id, now() - (s.id %% 90) * interval '1 day'
				from secret s""".formatted(REPOSITORIES));
	}

	/** Counts the generated and evaluated rows and prints them beside what the generator claims. */
	static void printShape(TestPostgres postgres) {
		System.out.println("Generated data, counted (identities and access as the evaluations wrote them):");
		long buckets = (long) AWS_ACCOUNTS * BUCKETS_PER_ACCOUNT;
		long gcpResources = (long) GCP_SCOPES * GCP_RESOURCES_PER_SCOPE;
		row(postgres, "assets", buckets + gcpResources + AZURE_ASSETS, "select count(*) from asset");
		row(postgres, "  AWS S3 buckets", buckets, "select count(*) from asset where resource_type = 'AWS::S3::Bucket'");
		row(postgres, "  GCP resources", gcpResources, "select count(*) from asset where cloud = 'gcp'");
		row(postgres, "  Azure resources", AZURE_ASSETS, "select count(*) from asset where cloud = 'azure'");
		long users = (long) AWS_ACCOUNTS * USERS_PER_ACCOUNT;
		long serviceAccounts = (long) GCP_SCOPES * GCP_ACCOUNTS_PER_SCOPE;
		row(postgres, "identities", users + serviceAccounts, "select count(*) from identity");
		row(postgres, "  AWS IAM users", users, "select count(*) from identity where kind = 'aws_iam_user'");
		row(postgres, "  GCP service accounts", serviceAccounts,
				"select count(*) from identity where kind = 'gcp_service_account'");
		row(postgres, "  privileged", users / 200 + GCP_SCOPES * 4, "select count(*) from identity where privileged");
		row(postgres, "  policies not known (reach assumed)", users / 200,
				"select count(*) from identity where not policy_known");
		row(postgres, "identity credentials", users + users / 10 + serviceAccounts,
				"select count(*) from identity_credential");
		long userStatements = postgres.count("""
				select count(*) from aws_iam_user u, jsonb_array_elements(u.policies) p,
				     jsonb_array_elements(p.entry -> 'document' -> 'Statement') s
				""".replace("p,", "p (entry),"));
		long bucketStatements = postgres.count("""
				select count(*) from aws_bucket_policy b, jsonb_array_elements(b.policy -> 'Statement') s
				where b.policy is not null""");
		long bindings = postgres.count("select count(*) from gcp_iam_binding");
		long statements = userStatements + bucketStatements + bindings;
		System.out.printf("  %-48s %,10d  (claimed %,d)%s%n", "policy statements and role bindings", statements, 200_000,
				Math.abs(statements - 200_000) > 200_000 / 20 ? "  <- differs" : "");
		System.out.printf("  %-48s %,10d%n", "  IAM user policy statements", userStatements);
		System.out.printf("  %-48s %,10d%n", "  S3 bucket policy statements", bucketStatements);
		System.out.printf("  %-48s %,10d%n", "  GCP IAM bindings", bindings);
		System.out.printf("  %-48s %,10d%n", "identity_access rows", postgres.count("select count(*) from identity_access"));
		System.out.printf("  %-48s %,10d%n", "  of them assumed", postgres.count(
				"select count(*) from identity_access where assumed"));
		System.out.printf("  %-48s %,10d%n", "leaked keys (secrets)", postgres.count("select count(*) from secret"));
		System.out.printf("  %-48s %,10d%n", "  authenticating as an identity", postgres.count(
				"select count(distinct secret_id) from secret_identity"));
		System.out.printf("  %-48s %,10d%n", "open attack paths", postgres.count(
				"select count(*) from attack_path where status = 'open'"));
		System.out.printf("  %-48s %,10d%n", "  through an identity", postgres.count(
				"select count(*) from attack_path where status = 'open' and rule_id not like '%secret-to%'"));
	}

	private static void row(TestPostgres postgres, String what, long claimed, String count) {
		long counted = postgres.count(count);
		System.out.printf("  %-48s %,10d  (claimed %,d)%s%n", what, counted, claimed,
				Math.abs(counted - claimed) > claimed / 50 ? "  <- differs" : "");
	}

}
