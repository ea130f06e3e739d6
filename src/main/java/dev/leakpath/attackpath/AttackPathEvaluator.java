package dev.leakpath.attackpath;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Brings the attack paths of some secrets, some repositories or the whole graph up to date in one statement:
 * every rule is matched against the graph views, matching paths are opened (or their facts updated), and open
 * paths in scope that no longer match are resolved with the reason. Writers reach it through
 * {@link GraphMaintenance}.
 *
 * <p>Risk: the rule's base score, plus 20 for a public repository, 20 for a secret the provider says is
 * still valid, 10 for a target that exists in the inventory, 15 if it is exposed to the internet and 15 if it
 * holds sensitive data. 80 and over is critical, 60 high, 40 medium, below that low.
 */
@Component
public class AttackPathEvaluator {

	private static final String EVALUATE = """
			with rules as (
			    select * from unnest(cast(:ruleIds as text[]), cast(:ruleProviders as text[]),
			                         cast(:rulePublic as boolean[]), cast(:ruleTargets as text[]),
			                         cast(:ruleBase as integer[]))
			        as rule (id, provider, public_entry, target_types, base_score)
			), contained as materialized (
			    select c.repository_id, c.secret_id, array_agg(c.alert_id order by c.alert_id) as alert_ids,
			           coalesce(bool_or(c.validity = 'active'), false) as active, min(r.provider) as provider,
			           coalesce(bool_or(r.visibility = 'public'), false) as public_entry
			    from graph_contains c
			    join repository r on r.id = c.repository_id
			    where {contained}
			    group by c.repository_id, c.secret_id
			), targets as materialized (
			    select t.* from graph_secret_target t
			    where {targets} and t.secret_id in (select secret_id from contained)
			), matched as (
			    select rule.id as rule_id, rule.base_score, c.provider, c.repository_id, c.secret_id, c.alert_ids,
			           c.public_entry, c.active, '' as target_key, cast(null as bigint) as asset_id,
			           cast(null as text) as target_type, cast(null as text) as target_name,
			           false as in_inventory, false as internet_exposed, false as sensitive_data
			    from contained c
			    join rules rule on rule.target_types = ''
			                   and (rule.provider is null or rule.provider = c.provider)
			                   and (c.public_entry or not rule.public_entry)
			    union all
			    select rule.id, rule.base_score, c.provider, c.repository_id, c.secret_id, c.alert_ids,
			           c.public_entry, c.active, t.target_key, t.asset_id, t.resource_type, t.name,
			           t.in_inventory, t.internet_exposed, t.sensitive_data
			    from contained c
			    join targets t on t.secret_id = c.secret_id
			    join rules rule on rule.target_types <> ''
			                   and lower(t.resource_type) = any(string_to_array(rule.target_types, ','))
			                   and (rule.provider is null or rule.provider = c.provider)
			                   and (c.public_entry or not rule.public_entry)
			), scored as (
			    select m.*,
			           base_score + case when public_entry then 20 else 0 end + case when active then 20 else 0 end
			             + case when in_inventory then 10 else 0 end + case when internet_exposed then 15 else 0 end
			             + case when sensitive_data then 15 else 0 end as risk_score
			    from matched m
			), opened as (
			    insert into attack_path (rule_id, provider, repository_id, secret_id, target_key, asset_id, target_type,
			                             target_name, alert_ids, public_entry, active_secret, target_exists,
			                             target_exposed, target_sensitive, risk_score, risk_level)
			    select rule_id, provider, repository_id, secret_id, target_key, asset_id, target_type, target_name,
			           alert_ids, public_entry, active, in_inventory, internet_exposed, sensitive_data, risk_score,
			           case when risk_score >= 80 then 'critical' when risk_score >= 60 then 'high'
			                when risk_score >= 40 then 'medium' else 'low' end
			    from scored
			    order by rule_id, repository_id, secret_id, target_key
			    on conflict (rule_id, repository_id, secret_id, target_key) where status = 'open' do update set
			        asset_id = excluded.asset_id, target_type = excluded.target_type, target_name = excluded.target_name
			      , alert_ids = excluded.alert_ids, public_entry = excluded.public_entry
			      , active_secret = excluded.active_secret, target_exists = excluded.target_exists
			      , target_exposed = excluded.target_exposed, target_sensitive = excluded.target_sensitive
			      , risk_score = excluded.risk_score, risk_level = excluded.risk_level, updated_at = now()
			    where (attack_path.asset_id, attack_path.target_type, attack_path.target_name, attack_path.alert_ids,
			           attack_path.public_entry, attack_path.active_secret, attack_path.target_exists,
			           attack_path.target_exposed, attack_path.target_sensitive, attack_path.risk_score)
			          is distinct from
			          (excluded.asset_id, excluded.target_type, excluded.target_name, excluded.alert_ids,
			           excluded.public_entry, excluded.active_secret, excluded.target_exists, excluded.target_exposed,
			           excluded.target_sensitive, excluded.risk_score)
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
			            else 'rule no longer matches (the repository is no longer public)' end
			    where p.status = 'open' and {paths}
			      and not exists (select 1 from scored m
			                      where m.rule_id = p.rule_id and m.repository_id = p.repository_id
			                        and m.secret_id = p.secret_id and m.target_key = p.target_key)
			    returning 1
			)
			select (select count(*) from opened where inserted) as opened,
			       (select count(*) from opened where not inserted) as updated,
			       (select count(*) from resolved) as resolved
			""";

	private final DatabaseClient db;

	private final List<AttackPathRule> rules;

	AttackPathEvaluator(DatabaseClient db) {
		this.db = db;
		this.rules = AttackPathRules.all();
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
			.bind("ruleIds", rules.stream().map(AttackPathRule::id).toArray(String[]::new))
			.bind("ruleProviders", rules.stream().map(AttackPathRule::provider).toArray(String[]::new))
			.bind("rulePublic", rules.stream().map(AttackPathRule::publicEntry).toArray(Boolean[]::new))
			.bind("ruleTargets", rules.stream()
				.map(rule -> rule.targetTypes().stream().map(type -> type.toLowerCase(Locale.ROOT)).sorted()
					.collect(Collectors.joining(",")))
				.toArray(String[]::new))
			.bind("ruleBase", rules.stream().map(AttackPathRule::baseScore).toArray(Integer[]::new));
		return (ids == null ? statement : statement.bind("ids", ids)).map(row -> new Evaluation(row.get("opened", Long.class), row.get("updated", Long.class),
					row.get("resolved", Long.class)))
			.one();
	}

	private static Long[] ids(Collection<Long> ids) {
		return ids.stream().distinct().toArray(Long[]::new);
	}

	/**
	 * What one evaluation covers, written into the statement rather than bound as optional parameters: a
	 * prepared statement's generic plan cannot drop an {@code :ids is null or …} test, and scans everything.
	 */
	private enum Scope {

		SECRETS("c.secret_id = any(:ids)", "t.secret_id = any(:ids)", "p.secret_id = any(:ids)"),
		REPOSITORIES("c.repository_id = any(:ids)", "true", "p.repository_id = any(:ids)"),
		ALL("true", "true", "true");

		private final String statement;

		Scope(String contained, String targets, String paths) {
			this.statement = EVALUATE.replace("{contained}", contained)
				.replace("{targets}", targets)
				.replace("{paths}", paths);
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
