package dev.leakpath.attackpath;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import dev.leakpath.risk.RiskSql;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Brings the attack paths of some secrets, some repositories or the whole graph up to date in one statement:
 * the rules ({@link AttackPathRules}) are matched against the graph views, matching paths are opened (or their
 * facts and score updated), and open paths in scope that no longer match are resolved with the reason. Every
 * resource a repository's open secret reaches is a path, named after the resource's kind; a public repository's
 * secret that reaches none is a plaintext-secret path. Each path is scored with the one risk model
 * ({@link RiskSql}) from its own alerts, secret, repository and target. Writers reach it through
 * {@link GraphMaintenance}.
 */
@Component
public class AttackPathEvaluator {

	private static final String EVALUATE = """
			with kinds as (
			    select * from unnest(cast(:kindTypes as text[]), cast(:kindIds as text[])) as kind (resource_type, id)
			), identity_rules as (
			    select * from unnest(cast(:identityKinds as text[]), cast(:identityPrefixes as text[]),
			                         cast(:identitySuffixes as text[])) as rule (kind, prefix, suffix)
			), contained as materialized (
			    select c.repository_id, c.secret_id, array_agg(c.alert_id order by c.alert_id) as alert_ids,
			           coalesce(bool_or(c.validity = 'active'), false) as still_valid,
			           coalesce(bool_or(c.publicly_leaked), false) as publicly_leaked,
			           coalesce(bool_or(c.multi_repo), false) as multi_repo,
			           bool_or(e.alert_id is not null) as past_sla,
			           min(r.provider) as provider, coalesce(bool_or(r.visibility = 'public'), false) as public_entry
			    from graph_contains c
			    join repository r on r.id = c.repository_id
			    -- a join, not an exists per alert: a million probes took seconds of a full recompute
			    left join notification_event e on e.alert_id = c.alert_id and e.kind = 'alert_sla_breached'
			    where {contained}
			    group by c.repository_id, c.secret_id
			), spread as (
			    {spread}
			), secrets as materialized (
			    select s.id, coalesce(s.expires_at <= now(), false) as expired,
			           {privileged} as privileged_identity, d.repositories > 1 as shared
			    from secret s
			    join spread d on d.secret_id = s.id
			), targets as materialized (
			    select t.*, coalesce(k.id, 'cloud-resource') as kind
			    from graph_secret_target t
			    left join kinds k on k.resource_type = lower(t.resource_type)
			    where {targets} and t.secret_id in (select secret_id from contained)
			), matched as (
			    -- rule ids as AttackPathRules.ruleId, identityRuleId and plaintextRuleId write them
			    select case when t.identity_id is not null and not t.assumed and ir.kind is not null
			                then replace(c.provider, '_', '-') || '-' || ir.prefix
			                     || case when t.access_level = 'read' then 'reads' else 'writes' end || ir.suffix
			                else case when c.public_entry and t.kind = :publicKind then 'public-' else '' end
			                     || replace(c.provider, '_', '-') || '-secret-to-' || t.kind end as rule_id,
			           c.*, t.target_key, t.asset_id, t.resource_type as target_type, t.name as target_name,
			           t.in_inventory, t.internet_exposed, t.sensitive_data
			    from contained c
			    join targets t on t.secret_id = c.secret_id
			    left join identity_rules ir on ir.kind = t.kind
			    union all
			    select 'public-' || replace(c.provider, '_', '-') || '-plaintext-secret', c.*, '', null, null, null,
			           false, false, false
			    from contained c
			    where c.public_entry and not exists (select 1 from targets t where t.secret_id = c.secret_id)
			), facts as (
			    select m.*, m.public_entry as public_repository, s.expired,
			           s.privileged_identity, m.multi_repo or s.shared as shared_secret
			    from matched m
			    join secrets s on s.id = m.secret_id
			), scored as (
			    select f.*, {factors} as risk_factors, {score} as risk_score
			    from facts f
			), opened as (
			    insert into attack_path (rule_id, provider, repository_id, secret_id, target_key, asset_id, target_type,
			                             target_name, alert_ids, public_entry, active_secret, target_exists,
			                             target_exposed, target_sensitive, risk_score, risk_level, risk_factors)
			    select rule_id, provider, repository_id, secret_id, target_key, asset_id, target_type, target_name,
			           alert_ids, public_entry, still_valid, in_inventory, internet_exposed, sensitive_data, risk_score,
			           {level}, risk_factors
			    from scored
			    order by rule_id, repository_id, secret_id, target_key
			    on conflict (rule_id, repository_id, secret_id, target_key) where status = 'open' do update set
			        asset_id = excluded.asset_id, target_type = excluded.target_type, target_name = excluded.target_name
			      , alert_ids = excluded.alert_ids, public_entry = excluded.public_entry
			      , active_secret = excluded.active_secret, target_exists = excluded.target_exists
			      , target_exposed = excluded.target_exposed, target_sensitive = excluded.target_sensitive
			      , risk_score = excluded.risk_score, risk_level = excluded.risk_level
			      , risk_factors = excluded.risk_factors, updated_at = now()
			    where (attack_path.asset_id, attack_path.target_type, attack_path.target_name, attack_path.alert_ids,
			           attack_path.public_entry, attack_path.active_secret, attack_path.target_exists,
			           attack_path.target_exposed, attack_path.target_sensitive, attack_path.risk_score,
			           attack_path.risk_factors)
			          is distinct from
			          (excluded.asset_id, excluded.target_type, excluded.target_name, excluded.alert_ids,
			           excluded.public_entry, excluded.active_secret, excluded.target_exists, excluded.target_exposed,
			           excluded.target_sensitive, excluded.risk_score, excluded.risk_factors)
			    returning xmax = 0 as inserted
			), resolved as (
			    update attack_path p
			    set status = 'resolved', resolved_at = now(), updated_at = now(),
			        resolution = case
			            when not exists (select 1 from contained c
			                             where c.repository_id = p.repository_id and c.secret_id = p.secret_id)
			                then 'alert resolved'
			            when p.asset_id is not null and not exists (select 1 from asset a where a.id = p.asset_id)
			                then 'target removed from the inventory'
			            when p.target_key <> '' and not exists (select 1 from targets t
			                             where t.secret_id = p.secret_id and t.target_key = p.target_key)
			                then 'secret no longer reaches the target'
			            when p.target_key = '' and exists (select 1 from targets t where t.secret_id = p.secret_id)
			                then 'the secret reaches a resource: its path to the resource replaces this one'
			            else 'rule no longer matches (the repository changed visibility)' end
			    where p.status = 'open' and {paths}
			      and not exists (select 1 from scored m
			                      where m.rule_id = p.rule_id and m.repository_id = p.repository_id
			                        and m.secret_id = p.secret_id and m.target_key = p.target_key)
			    returning 1
			)
			select (select count(*) from opened where inserted) as opened,
			       (select count(*) from opened where not inserted) as updated,
			       (select count(*) from resolved) as resolved
			""".replace("{privileged}", RiskSql.privilegedIdentity("s"))
		.replace("{factors}", RiskSql.factors())
		.replace("{score}", RiskSql.score())
		.replace("{level}", RiskSql.level("risk_score"));

	private final DatabaseClient db;

	/** Each listed resource type, in lower case, and the kind it is. */
	private static final Map<String, String> KIND_TYPES = TargetKinds.listed()
		.stream()
		.flatMap(kind -> kind.resourceTypes().stream().map(type -> Map.entry(type.toLowerCase(Locale.ROOT), kind.id())))
		.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first, LinkedHashMap::new));

	AttackPathEvaluator(DatabaseClient db) {
		this.db = db;
	}

	/** Re-evaluates the paths through these secrets, in every repository that contains them. */
	public Mono<Evaluation> refreshSecrets(Collection<Long> secretIds) {
		return secretIds.isEmpty() ? Mono.just(Evaluation.NONE) : evaluate(Scope.SECRETS, ids(secretIds));
	}

	/** Re-evaluates the paths that start at these repositories, after their visibility or provider data changed. */
	public Mono<Evaluation> refreshRepositories(Collection<Long> repositoryIds) {
		return repositoryIds.isEmpty() ? Mono.just(Evaluation.NONE) : evaluate(Scope.REPOSITORIES, ids(repositoryIds));
	}

	/** Re-evaluates every path: after the inventory changed, when any secret's reach may have. */
	public Mono<Evaluation> refreshAll() {
		return evaluate(Scope.ALL, null);
	}

	private Mono<Evaluation> evaluate(Scope scope, Long[] ids) {
		DatabaseClient.GenericExecuteSpec statement = db.sql(scope.statement)
			.bind("kindTypes", KIND_TYPES.keySet().toArray(String[]::new))
			.bind("kindIds", KIND_TYPES.values().toArray(String[]::new))
			.bind("publicKind", AttackPathRules.PUBLIC_KIND)
			.bind("identityKinds", AttackPathRules.IDENTITY_RULES.stream().map(AttackPathRules.IdentityRule::kind).toArray(String[]::new))
			.bind("identityPrefixes",
					AttackPathRules.IDENTITY_RULES.stream().map(AttackPathRules.IdentityRule::prefix).toArray(String[]::new))
			.bind("identitySuffixes",
					AttackPathRules.IDENTITY_RULES.stream().map(AttackPathRules.IdentityRule::suffix).toArray(String[]::new));
		return (ids == null ? statement : statement.bind("ids", ids)).map(row -> new Evaluation(row.get("opened", Long.class), row.get("updated", Long.class),
					row.get("resolved", Long.class)))
			.one();
	}

	private static Long[] ids(Collection<Long> ids) {
		return ids.stream().distinct().toArray(Long[]::new);
	}

	/**
	 * How many repositories hold each secret in scope, when the scope has every repository of its secrets
	 * (their open alerts are all in {@code contained}, a row per repository).
	 */
	private static final String WHOLE_SPREAD = """
			select secret_id, count(*) as repositories from contained group by secret_id""";

	/**
	 * What one evaluation covers, written into the statement rather than bound as optional parameters: a
	 * prepared statement's generic plan cannot drop an {@code :ids is null or …} test, and scans everything.
	 */
	private enum Scope {

		SECRETS("c.secret_id = any(:ids)", "t.secret_id = any(:ids)", "p.secret_id = any(:ids)", WHOLE_SPREAD),
		REPOSITORIES("c.repository_id = any(:ids)", "true", "p.repository_id = any(:ids)", """
				select a.secret_id, count(distinct a.repository_id) as repositories
				from alert a
				where a.state = 'open' and a.secret_id in (select secret_id from contained)
				group by a.secret_id"""),
		ALL("true", "true", "true", WHOLE_SPREAD);

		private final String statement;

		Scope(String contained, String targets, String paths, String spread) {
			this.statement = EVALUATE.replace("{contained}", contained)
				.replace("{targets}", targets)
				.replace("{paths}", paths)
				.replace("{spread}", spread);
		}

	}

	/** How many paths one evaluation opened, changed and resolved. */
	public record Evaluation(long opened, long updated, long resolved) {

		static final Evaluation NONE = new Evaluation(0, 0, 0);

		public boolean changedAnything() {
			return opened + updated + resolved > 0;
		}

	}

}
