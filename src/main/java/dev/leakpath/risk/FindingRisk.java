package dev.leakpath.risk;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps every alert's, secret's and repository's risk ({@code alert_risk}, {@code secret_risk},
 * {@code repository_risk}) once the attack paths of the same scope are up to date. An open alert scores as
 * its worst open path, or, on none, as the alert alone (its repository, validity, leak, secret, SLA: the
 * factors it has without a target); a closed one scores 0. A secret and a repository score as their worst
 * alert, with their count of open findings. Three statements, one after another: each reads what the one before
 * wrote, which a single statement's snapshot would not see.
 */
@Component
public class FindingRisk {

	private static final String ALERT_RISK = """
			with scoped as materialized (
			    select a.id, a.repository_id, a.secret_id, a.state = 'open' as open, a.validity, a.publicly_leaked,
			           a.multi_repo, r.visibility, a.provider, a.secret_type, a.created_at, a.resolved_at
			    from alert a
			    join repository r on r.id = a.repository_id
			    where {alerts}
			), worst as (
			    select distinct on (a.id) a.id, a.repository_id, a.secret_id, a.open, a.provider, a.secret_type,
			           a.validity, p.id as path_id, p.risk_score, p.risk_factors
			    from scoped a
			    join attack_path p on p.repository_id = a.repository_id and p.secret_id = a.secret_id
			                      and p.status = 'open'
			    where a.open
			    order by a.id, p.risk_score desc, p.id
			), spread as (
			    {spread}
			), facts as (
			    select a.id, a.repository_id, a.secret_id, a.open, a.provider, a.secret_type, a.validity,
			           a.visibility = 'public' as public_repository,
			           coalesce(a.publicly_leaked, false) as publicly_leaked,
			           coalesce(a.validity = 'active', false) as still_valid,
			           false as in_inventory, false as internet_exposed, false as sensitive_data,
			           {privileged} as privileged_identity,
			           coalesce(a.multi_repo, false) or coalesce(d.repositories > 1, false) as shared_secret,
			           e.alert_id is not null as past_sla,
			           coalesce(s.expires_at <= now(), false) as expired
			    from scoped a
			    left join secret s on s.id = a.secret_id
			    left join spread d on d.secret_id = a.secret_id
			    left join notification_event e on e.alert_id = a.id and e.kind = 'alert_sla_breached'
			    where a.open and not exists (select 1 from worst w where w.id = a.id)
			), scored as (
			    -- each branch carries the alert's columns: joining back to scoped sorted a million rows twice
			    select id, repository_id, secret_id, open, provider, secret_type, validity, path_id, risk_score,
			           risk_factors, cast(null as timestamptz) as created_at, cast(null as timestamptz) as resolved_at
			    from worst
			    union all
			    select id, repository_id, secret_id, open, provider, secret_type, validity, null, {score}, {factors},
			           null, null
			    from facts
			    union all
			    select id, repository_id, secret_id, open, provider, secret_type, validity, null, 0,
			           cast('{}' as text[]), created_at, resolved_at
			    from scoped where not open
			)
			insert into alert_risk (alert_id, repository_id, secret_id, path_id, open, risk_score, risk_level,
			                        risk_factors, provider, secret_type, validity, open_risk_level, created_at, resolved_at)
			select k.id, k.repository_id, k.secret_id, k.path_id, k.open, k.risk_score, {level}, k.risk_factors,
			       k.provider, k.secret_type, k.validity, case when k.open then {level} end, k.created_at, k.resolved_at
			from scored k
			order by k.id
			on conflict (alert_id) do update set
			    repository_id = excluded.repository_id, secret_id = excluded.secret_id, path_id = excluded.path_id
			  , open = excluded.open, risk_score = excluded.risk_score, risk_level = excluded.risk_level
			  , risk_factors = excluded.risk_factors, provider = excluded.provider
			  , secret_type = excluded.secret_type, validity = excluded.validity
			    -- a closing alert keeps the level it had open
			  , open_risk_level = coalesce(excluded.open_risk_level, alert_risk.open_risk_level)
			  , created_at = excluded.created_at, resolved_at = excluded.resolved_at
			where (alert_risk.repository_id, alert_risk.secret_id, alert_risk.path_id, alert_risk.open,
			       alert_risk.risk_score, alert_risk.risk_factors, alert_risk.provider, alert_risk.secret_type,
			       alert_risk.validity, alert_risk.resolved_at)
			      is distinct from
			      (excluded.repository_id, excluded.secret_id, excluded.path_id, excluded.open, excluded.risk_score,
			       excluded.risk_factors, excluded.provider, excluded.secret_type, excluded.validity, excluded.resolved_at)
			""".replace("{privileged}", RiskSql.privilegedIdentity("s"))
		.replace("{score}", RiskSql.score())
		.replace("{factors}", RiskSql.factors())
		.replace("{level}", RiskSql.level("k.risk_score"));

	private static final String SECRET_RISK = """
			with ranked as (
			    select k.secret_id, k.risk_score, k.risk_level, k.risk_factors,
			           count(*) filter (where k.open) over (partition by k.secret_id) as open_findings,
			           row_number() over (partition by k.secret_id order by k.risk_score desc, k.alert_id) as rank
			    from alert_risk k
			    where k.secret_id is not null and {secrets}
			)
			insert into secret_risk (secret_id, risk_score, risk_level, risk_factors, open_findings, target_kind,
			                         target_exists, expires_at)
			select k.secret_id, k.risk_score, k.risk_level, k.risk_factors, k.open_findings, s.target_kind,
			       s.target_exists, s.expires_at
			from ranked k
			join secret s on s.id = k.secret_id
			where k.rank = 1
			order by k.secret_id
			on conflict (secret_id) do update set
			    risk_score = excluded.risk_score, risk_level = excluded.risk_level
			  , risk_factors = excluded.risk_factors, open_findings = excluded.open_findings
			  , target_kind = excluded.target_kind, target_exists = excluded.target_exists
			  , expires_at = excluded.expires_at
			where (secret_risk.risk_score, secret_risk.risk_factors, secret_risk.open_findings, secret_risk.target_kind,
			       secret_risk.target_exists, secret_risk.expires_at)
			      is distinct from (excluded.risk_score, excluded.risk_factors, excluded.open_findings,
			                        excluded.target_kind, excluded.target_exists, excluded.expires_at)
			""";

	private static final String REPOSITORY_RISK = """
			with ranked as (
			    select k.repository_id, k.risk_score, k.risk_level, k.risk_factors,
			           count(*) filter (where k.open) over (partition by k.repository_id) as open_findings,
			           count(*) over (partition by k.repository_id) as total_findings,
			           bool_or(k.open and k.path_id is not null) over (partition by k.repository_id) as on_paths,
			           row_number() over (partition by k.repository_id order by k.risk_score desc, k.alert_id) as rank
			    from alert_risk k
			    where {repositories}
			)
			insert into repository_risk (repository_id, provider, organization, risk_score, risk_level, risk_factors,
			                             open_findings, total_findings, public_with_paths)
			select k.repository_id, r.provider, r.organization, k.risk_score, k.risk_level, k.risk_factors,
			       k.open_findings, k.total_findings, coalesce(r.visibility = 'public' and k.on_paths, false)
			from ranked k
			join repository r on r.id = k.repository_id
			where k.rank = 1
			order by k.repository_id
			on conflict (repository_id) do update set
			    provider = excluded.provider, organization = excluded.organization
			  , risk_score = excluded.risk_score, risk_level = excluded.risk_level
			  , risk_factors = excluded.risk_factors, open_findings = excluded.open_findings
			  , total_findings = excluded.total_findings, public_with_paths = excluded.public_with_paths
			where (repository_risk.provider, repository_risk.organization, repository_risk.risk_score,
			       repository_risk.risk_factors, repository_risk.open_findings, repository_risk.total_findings,
			       repository_risk.public_with_paths)
			      is distinct from
			      (excluded.provider, excluded.organization, excluded.risk_score, excluded.risk_factors,
			       excluded.open_findings, excluded.total_findings, excluded.public_with_paths)
			""";

	/** Targets of the scope's paths, open or just resolved: a target no open path reaches any more is dropped. */
	private static final String TARGET_RISK = """
			with keys as materialized (
			    select distinct p.target_key from attack_path p where p.target_key <> '' and {paths}
			), reach as (
			    select p.target_key, max(p.asset_id) as asset_id, min(p.target_type) as resource_type,
			           min(p.target_name) as name, bool_or(p.target_exists) as in_inventory,
			           bool_or(p.target_exposed) as internet_exposed, bool_or(p.target_sensitive) as sensitive_data,
			           max(p.risk_score) as risk_score,
			           (array_agg(p.id order by p.risk_score desc, p.id))[1] as worst_path_id,
			           count(distinct p.secret_id) as secrets, count(distinct p.repository_id) as repositories,
			           count(*) as paths
			    from attack_path p
			    where p.status = 'open' and p.target_key in (select target_key from keys)
			    group by p.target_key
			), dropped as (
			    delete from target_risk t
			    where t.target_key in (select target_key from keys)
			      and t.target_key not in (select target_key from reach)
			)
			insert into target_risk (target_key, asset_id, resource_type, name, in_inventory, internet_exposed,
			                         sensitive_data, risk_score, risk_level, risk_factors, secrets, repositories, paths)
			select t.target_key, t.asset_id, t.resource_type, t.name, t.in_inventory, t.internet_exposed,
			       t.sensitive_data, t.risk_score, {level}, w.risk_factors, t.secrets, t.repositories, t.paths
			from reach t
			join attack_path w on w.id = t.worst_path_id
			order by t.target_key
			on conflict (target_key) do update set
			    asset_id = excluded.asset_id, resource_type = excluded.resource_type, name = excluded.name
			  , in_inventory = excluded.in_inventory, internet_exposed = excluded.internet_exposed
			  , sensitive_data = excluded.sensitive_data, risk_score = excluded.risk_score
			  , risk_level = excluded.risk_level, risk_factors = excluded.risk_factors, secrets = excluded.secrets
			  , repositories = excluded.repositories, paths = excluded.paths
			where (target_risk.asset_id, target_risk.resource_type, target_risk.name, target_risk.in_inventory,
			       target_risk.internet_exposed, target_risk.sensitive_data, target_risk.risk_score,
			       target_risk.risk_factors, target_risk.secrets, target_risk.repositories, target_risk.paths)
			      is distinct from
			      (excluded.asset_id, excluded.resource_type, excluded.name, excluded.in_inventory,
			       excluded.internet_exposed, excluded.sensitive_data, excluded.risk_score, excluded.risk_factors,
			       excluded.secrets, excluded.repositories, excluded.paths)
			""".replace("{level}", RiskSql.level("t.risk_score"));

	private final DatabaseClient db;

	FindingRisk(DatabaseClient db) {
		this.db = db;
	}

	/** The alerts of these secrets, in every repository, and the secrets and repositories they belong to. */
	public Mono<Void> refreshSecrets(Collection<Long> secretIds) {
		return secretIds.isEmpty() ? Mono.empty() : refresh(Scope.SECRETS, ids(secretIds));
	}

	/** The alerts of these repositories, with every secret they hold. */
	public Mono<Void> refreshRepositories(Collection<Long> repositoryIds) {
		return repositoryIds.isEmpty() ? Mono.empty() : refresh(Scope.REPOSITORIES, ids(repositoryIds));
	}

	/** These alerts, whose secret leakpath did not get, and their repositories. */
	public Mono<Void> refreshSecretless(Collection<Long> alertIds) {
		return alertIds.isEmpty() ? Mono.empty() : refresh(Scope.SECRETLESS, ids(alertIds));
	}

	public Mono<Void> refreshAll() {
		return refresh(Scope.ALL, null);
	}

	private Mono<Void> refresh(Scope scope, Long[] ids) {
		return run(scope.alerts, ids).then(scope.secrets == null ? Mono.empty() : run(scope.secrets, ids))
			.then(run(scope.repositories, ids))
			.then(scope.targets == null ? Mono.empty() : run(scope.targets, ids));
	}

	private Mono<Void> run(String sql, Long[] ids) {
		DatabaseClient.GenericExecuteSpec statement = db.sql(sql);
		return (ids == null ? statement : statement.bind("ids", ids)).fetch().rowsUpdated().then();
	}

	private static Long[] ids(Collection<Long> ids) {
		return ids.stream().distinct().toArray(Long[]::new);
	}

	/** How many repositories hold each secret, when the scope has every alert of its secrets. */
	private static final String WHOLE_SPREAD = """
			select secret_id, count(distinct repository_id) as repositories
			    from scoped where open and secret_id is not null group by secret_id""";

	/** The same, looked up, when the scope has only some alerts of its secrets. */
	private static final String LOOKED_UP_SPREAD = """
			select o.secret_id, count(distinct o.repository_id) as repositories
			    from alert o
			    where o.state = 'open' and o.secret_id in (select secret_id from scoped where open)
			    group by o.secret_id""";

	/** What one refresh covers, written into its statements (see AttackPathEvaluator's scopes for why). */
	private enum Scope {

		SECRETS("a.secret_id = any(:ids)", WHOLE_SPREAD, "k.secret_id = any(:ids)",
				"k.repository_id in (select repository_id from alert where secret_id = any(:ids))",
				"p.secret_id = any(:ids)"),
		REPOSITORIES("a.repository_id = any(:ids)", LOOKED_UP_SPREAD,
				"k.secret_id in (select secret_id from alert where repository_id = any(:ids))",
				"k.repository_id = any(:ids)", "p.repository_id = any(:ids)"),
		SECRETLESS("a.id = any(:ids) and a.secret_id is null", LOOKED_UP_SPREAD, null,
				"k.repository_id in (select repository_id from alert where id = any(:ids))", null),
		ALL("true", WHOLE_SPREAD, "true", "true", "true");

		private final String alerts;

		private final String secrets;

		private final String repositories;

		private final String targets;

		Scope(String alerts, String spread, String secrets, String repositories, String targets) {
			this.alerts = ALERT_RISK.replace("{alerts}", alerts).replace("{spread}", spread);
			this.secrets = secrets == null ? null : SECRET_RISK.replace("{secrets}", secrets);
			this.repositories = REPOSITORY_RISK.replace("{repositories}", repositories);
			this.targets = targets == null ? null : TARGET_RISK.replace("{paths}", targets);
		}

	}

}
