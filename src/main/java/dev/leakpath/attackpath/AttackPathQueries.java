package dev.leakpath.attackpath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.graph.GraphEdge;
import dev.leakpath.graph.GraphNode;
import dev.leakpath.risk.RiskScore;
import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads attack paths for the API: a filtered listing, newest first or ranked by risk, and one path with its
 * graph and evidence.
 */
@Component
public class AttackPathQueries {

	private static final String SELECT = """
			select p.*, r.full_name, r.visibility, r.url as repository_url, s.secret_type, s.preview
			from attack_path p
			join repository r on r.id = p.repository_id
			join secret s on s.id = p.secret_id
			""";

	/** Rows an export fetches from PostgreSQL at a time, as the client reads. */
	private static final int EXPORT_FETCH_SIZE = 1000;

	private static final String EVIDENCE = """
			select a.id, a.provider_alert_id, a.state, a.validity, a.alert_url,
			       l.path, l.start_line, l.start_column, l.commit_sha, l.file_url
			from alert a
			left join alert_location l on l.alert_id = a.id
			where a.id = any(:ids)
			order by a.id, l.id
			""";

	private static final String IDENTITY = """
			select i.id, i.kind, i.name, i.provider_id, i.privileged, a.access_level, a.assumed,
			       coalesce(a.reason, '') as reason
			from secret_identity si
			join identity i on i.id = si.identity_id
			join identity_access a on a.identity_id = i.id
			where si.secret_id = :secretId and a.asset_id = :assetId
			order by i.id
			""";

	private final DatabaseClient db;

	AttackPathQueries(DatabaseClient db) {
		this.db = db;
	}

	/** @param organizations the organisations seen, or null for all */
	public Mono<List<AttackPathView>> find(Filter filter, String[] organizations, ListOrder order, int limit) {
		SqlConditions where = order.start(matching(filter, organizations), "p.risk_score", "p.id");
		return where.bind(db.sql(SELECT + where.where() + order.orderBy("p.risk_score", "p.id") + "limit :limit"))
			.bind("limit", limit)
			.map(AttackPathQueries::view)
			.all()
			.collectList();
	}

	/** Every match, newest first, streamed. */
	public Flux<AttackPathView> stream(Filter filter, String[] organizations) {
		SqlConditions where = matching(filter, organizations);
		return where.bind(db.sql(SELECT + where.where() + "order by p.id desc"))
			.filter(statement -> statement.fetchSize(EXPORT_FETCH_SIZE))
			.map(AttackPathQueries::view)
			.all();
	}

	private static SqlConditions matching(Filter filter, String[] organizations) {
		return SqlConditions.of()
			.equal("p.status", "status", filter.status())
			.equal("p.risk_level", "risk", filter.risk())
			.equal("p.provider", "provider", filter.provider())
			.equal("r.full_name", "repository", filter.repository())
			.equal("p.secret_id", "secretId", filter.secretId())
			.equal("p.target_key", "target", filter.target())
			.anyOf("r.organization", "organizations", organizations);
	}

	/**
	 * The paths an alert is evidence for, open ones first and riskiest first, with the steps that close them
	 * (for an alert on none, those of a secret that reaches no known resource).
	 */
	public Mono<AlertPaths> forAlert(long alertId, String[] organizations) {
		SqlConditions scope = SqlConditions.of().anyOf("r.organization", "organizations", organizations);
		// the paths of the alert's repository and secret: their alerts, this one among them, are its evidence
		return scope.bind(db.sql(SELECT + "where (p.repository_id, p.secret_id) = (select a.repository_id, a.secret_id "
				+ "from alert a where a.id = :id)\n" + scope.and()
				+ "order by p.status = 'open' desc, p.risk_score desc, p.id desc"))
			.bind("id", alertId)
			.map(AttackPathQueries::view)
			.all()
			.collectList()
			.map(paths -> new AlertPaths(paths, remediation(paths)));
	}

	private static List<String> remediation(List<AttackPathView> paths) {
		Set<String> steps = new LinkedHashSet<>();
		paths.stream()
			.filter(path -> "open".equals(path.status()))
			.forEach(path -> AttackPathRules.byId(path.rule().id()).ifPresent(rule -> steps.addAll(rule.remediation())));
		return steps.isEmpty() ? TargetKinds.CLOUD_RESOURCE.remediation() : List.copyOf(steps);
	}

	/** An alert's paths and how to close them. */
	public record AlertPaths(List<AttackPathView> paths, List<String> remediation) {
	}

	public Mono<AttackPathDetail> findById(long id, String[] organizations) {
		SqlConditions scope = SqlConditions.of().anyOf("r.organization", "organizations", organizations);
		return scope.bind(db.sql(SELECT + "where p.id = :id\n" + scope.and()))
			.bind("id", id)
			.map(row -> Map.entry(view(row), row.get("alert_ids", Long[].class)))
			.one()
			.flatMap(found -> evidence(found.getValue())
				.zipWith(identity(found.getKey()).map(Optional::of).defaultIfEmpty(Optional.empty()))
				.map(read -> detail(found.getKey(), read.getT1(), read.getT2().orElse(null))));
	}

	/** The identity the path's secret authenticates as and reaches its target through, when it is one. */
	private Mono<GraphNode> identity(AttackPathView path) {
		if (path.target() == null || path.target().assetId() == null) {
			return Mono.empty();
		}
		return db.sql(IDENTITY)
			.bind("secretId", path.secret().id())
			.bind("assetId", path.target().assetId())
			.map(row -> new GraphNode(GraphNode.identityId(row.get("id", Long.class)), GraphNode.IDENTITY,
					row.get("kind", String.class), row.get("name", String.class),
					Map.of("providerId", row.get("provider_id", String.class), "privileged",
							Boolean.TRUE.equals(row.get("privileged", Boolean.class)), "accessLevel",
							row.get("access_level", String.class), "assumed",
							Boolean.TRUE.equals(row.get("assumed", Boolean.class)), "reason",
							row.get("reason", String.class))))
			.first();
	}

	private Mono<List<AttackPathDetail.Evidence>> evidence(Long[] alertIds) {
		return db.sql(EVIDENCE)
			.bind("ids", alertIds)
			.map(row -> Map.entry(
					new AttackPathDetail.Evidence(row.get("id", Long.class), row.get("provider_alert_id", String.class),
							row.get("state", String.class), row.get("validity", String.class),
							row.get("alert_url", String.class), new ArrayList<>()),
					Optional.ofNullable(row.get("path", String.class))
						.map(path -> new AttackPathDetail.Location(path, row.get("start_line", Integer.class),
								row.get("start_column", Integer.class), row.get("commit_sha", String.class),
								row.get("file_url", String.class)))))
			.all()
			.collect(LinkedHashMap<Long, AttackPathDetail.Evidence>::new, (byAlert, entry) -> byAlert
				.computeIfAbsent(entry.getKey().alertId(), key -> entry.getKey())
				.locations()
				.addAll(entry.getValue().stream().toList()))
			.map(byAlert -> List.copyOf(byAlert.values()));
	}

	/** @param identity the identity hop between the secret and its target, or null when it reaches it directly */
	private static AttackPathDetail detail(AttackPathView path, List<AttackPathDetail.Evidence> evidence,
			GraphNode identity) {
		Optional<AttackPathRule> rule = AttackPathRules.byId(path.rule().id());
		String repository = GraphNode.repositoryId(path.repository().id());
		String secret = GraphNode.secretId(path.secret().id());
		List<GraphNode> nodes = new ArrayList<>();
		List<GraphEdge> edges = new ArrayList<>();
		nodes.add(new GraphNode(repository, GraphNode.REPOSITORY, path.provider(), path.repository().fullName(),
				Map.of("visibility", String.valueOf(path.repository().visibility()))));
		nodes.add(new GraphNode(secret, GraphNode.SECRET, path.secret().secretType(), path.secret().preview(),
				Map.of("active", path.secret().active())));
		edges.add(new GraphEdge(repository, secret, GraphEdge.CONTAINS));
		boolean internet = path.publicEntry();
		if (internet) {
			edges.add(new GraphEdge(repository, GraphNode.INTERNET.id(), GraphEdge.EXPOSED_TO_INTERNET));
		}
		AttackPathView.Target target = path.target();
		if (target != null) {
			nodes.add(new GraphNode(target.key(), GraphNode.CLOUD_RESOURCE, target.resourceType(), target.name(),
					Map.of("inInventory", target.inInventory(), "internetExposed", target.internetExposed(),
							"sensitiveData", target.sensitiveData())));
			if (identity == null) {
				edges.add(new GraphEdge(secret, target.key(), GraphEdge.CAN_AUTHENTICATE_TO));
			}
			else {
				nodes.add(identity);
				edges.add(new GraphEdge(secret, identity.id(), GraphEdge.AUTHENTICATES_AS));
				edges.add(new GraphEdge(identity.id(), target.key(), GraphEdge.CAN_ACCESS));
			}
			if (target.internetExposed()) {
				edges.add(new GraphEdge(target.key(), GraphNode.INTERNET.id(), GraphEdge.EXPOSED_TO_INTERNET));
				internet = true;
			}
		}
		if (internet) {
			nodes.add(0, GraphNode.INTERNET);
		}
		return new AttackPathDetail(path, rule.map(AttackPathRule::chain).orElse(List.of()), nodes, edges, evidence,
				rule.map(AttackPathRule::remediation).orElse(List.of()));
	}

	private static AttackPathView view(Readable row) {
		String ruleId = row.get("rule_id", String.class);
		String targetKey = row.get("target_key", String.class);
		AttackPathView.Target target = targetKey == null || targetKey.isEmpty() ? null
				: new AttackPathView.Target(targetKey, row.get("asset_id", Long.class), row.get("target_type", String.class),
						AttackPathRules.byId(ruleId).map(AttackPathRule::category).orElse(null),
						row.get("target_name", String.class), flag(row, "target_exists"), flag(row, "target_exposed"),
						flag(row, "target_sensitive"));
		return new AttackPathView(row.get("id", Long.class),
				new AttackPathView.Rule(ruleId, AttackPathRules.byId(ruleId).map(AttackPathRule::name).orElse(ruleId)),
				row.get("risk_level", String.class), row.get("risk_score", Integer.class),
				RiskScore.ofIds(row.get("risk_factors", String[].class)).factors(), row.get("status", String.class),
				row.get("provider", String.class), flag(row, "public_entry"),
				new AttackPathView.Repository(row.get("repository_id", Long.class), row.get("full_name", String.class),
						row.get("visibility", String.class), row.get("repository_url", String.class)),
				new AttackPathView.Secret(row.get("secret_id", Long.class), row.get("secret_type", String.class),
						row.get("preview", String.class), flag(row, "active_secret")),
				target, row.get("first_seen_at", Instant.class), row.get("resolved_at", Instant.class),
				row.get("resolution", String.class));
	}

	private static boolean flag(Readable row, String column) {
		return Boolean.TRUE.equals(row.get(column, Boolean.class));
	}

	/** Listing filters; null means any. */
	public record Filter(String status, String risk, String provider, String repository, Long secretId,
			String target) {
	}

}
