package dev.leakpath.triage;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertFilter;
import dev.leakpath.audit.AuditChange;
import dev.leakpath.audit.AuditLog;
import dev.leakpath.audit.AuditOrigin;
import dev.leakpath.security.TriageScope;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Takes triage commands in: the command, one pending item per alert and an audit record per alert (before and
 * after) in one transaction, so a command is never half stored and never unaudited. The worker carries the items
 * out. Only an assignment of alerts whose provider has no assignees is done here, in the same transaction: leakpath
 * keeps that assignee itself, and no provider has to agree.
 */
@Component
public class TriageCommands {

	/** A command a person asked for through the API (the dashboard's included). */
	public static final String FROM_API = "api";

	/** What the audit records of a stored command's changes answer: the request is accepted. */
	private static final int ACCEPTED = 202;

	static final String KEPT_BY_LEAKPATH = "the provider has no assignees: leakpath keeps this one";

	private static final String INSERT_COMMAND = """
			insert into triage_command (action, resolution, comment, assignee, requested_by, source, alerts)
			values (:action, :resolution, :comment, :assignee, :requestedBy, :source, :alerts)
			returning id
			""";

	private static final String INSERT_ITEMS = """
			insert into triage_item (command_id, alert_id, provider, status, read_state, note, finished_at)
			select :command, i.alert_id, i.provider, i.status, cast(i.read_state as jsonb), i.note,
			       case when i.status = 'pending' then null else now() end
			from unnest(cast(:alertIds as bigint[]), cast(:providers as text[]), cast(:statuses as text[]),
			            cast(:readStates as text[]), cast(:notes as text[])) as i (alert_id, provider, status, read_state, note)
			""";

	private static final String KEEP_ASSIGNEES = """
			insert into alert_assignee (alert_id, assignee, assigned_by, command_id)
			select unnest(cast(:alertIds as bigint[])), :assignee, :assignedBy, :command
			on conflict (alert_id) do update set assignee = excluded.assignee, assigned_by = excluded.assigned_by,
			    assigned_at = now(), command_id = excluded.command_id
			""";

	private final DatabaseClient db;

	private final TriageTargets targets;

	private final TriageProviders providers;

	private final ProviderStates states;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final TriageWorker worker;

	private final ObjectMapper mapper;

	TriageCommands(DatabaseClient db, TriageTargets targets, TriageProviders providers, ProviderStates states,
			AuditLog audit, TransactionalOperator transaction, TriageWorker worker, ObjectMapper mapper) {
		this.db = db;
		this.targets = targets;
		this.providers = providers;
		this.states = states;
		this.audit = audit;
		this.transaction = transaction;
		this.worker = worker;
		this.mapper = mapper;
	}

	/**
	 * Triages the alerts with these ids; emits the command's id.
	 *
	 * @param organizations those the caller sees, or null for all
	 * @param source who or what asks: {@link #FROM_API}, or a feature that triages by itself
	 */
	public Mono<Long> submit(TriageOrder order, List<Long> alertIds, String[] organizations, TriageScope triage,
			AuditOrigin origin, String source) {
		return store(order, Mono.defer(() -> targets.byIds(alertIds, organizations, triage)), origin, source);
	}

	/** Triages the alerts the filter matches ({@code filter.organizations()}: those the caller sees). */
	public Mono<Long> submit(TriageOrder order, AlertFilter filter, TriageScope triage, AuditOrigin origin,
			String source) {
		return store(order, Mono.defer(() -> targets.byFilter(filter, triage)), origin, source);
	}

	private Mono<Long> store(TriageOrder order, Mono<List<TriageTarget>> found, AuditOrigin origin, String source) {
		Mono<Long> stored = found.map(alerts -> revocable(order, alerts)).flatMap(alerts -> insertCommand(order, origin, source, alerts.size())
			.flatMap(command -> insertItems(command, order, alerts)
				.then(keepAssignees(command, order, alerts, origin))
				.then(audit.recordChanges(origin, ACCEPTED, changes(command, order, alerts)))
				.thenReturn(command)));
		return transaction.transactional(stored).doOnSuccess(command -> worker.wakeUp());
	}

	/** A revocation is taken whole or not at all: every alert must hold a secret its provider can revoke. */
	private List<TriageTarget> revocable(TriageOrder order, List<TriageTarget> alerts) {
		if (order.action() != TriageAction.REVOKE) {
			return alerts;
		}
		List<String> refused = alerts.stream()
			.filter(alert -> !providers.revocation(alert.provider())
				.map(revocation -> revocation.revocable(alert.providerSecretType()))
				.orElse(false))
			.map(alert -> alert.alertId() + " (" + alert.provider() + " " + alert.providerSecretType() + ")")
			.toList();
		if (!refused.isEmpty()) {
			throw new InvalidTriageException("revoke takes only alerts of GitHub personal access tokens "
					+ "(classic and fine-grained, type github_personal_access_token); not alert "
					+ String.join(", ", refused.subList(0, Math.min(20, refused.size())))
					+ (refused.size() > 20 ? ", …" : ""));
		}
		return alerts;
	}

	private Mono<Long> insertCommand(TriageOrder order, AuditOrigin origin, String source, int alerts) {
		return db.sql(INSERT_COMMAND)
			.bind("action", order.action().word())
			.bind("resolution", nullable(order.resolution()))
			.bind("comment", nullable(order.comment()))
			.bind("assignee", nullable(order.assignee()))
			.bind("requestedBy", origin.actor())
			.bind("source", source)
			.bind("alerts", alerts)
			.map(row -> row.get("id", Long.class))
			.one();
	}

	private Mono<Void> insertItems(long command, TriageOrder order, List<TriageTarget> alerts) {
		List<String> statuses = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (TriageTarget alert : alerts) {
			boolean kept = keptHere(order, alert);
			statuses.add(kept ? "applied" : "pending");
			notes.add(kept ? KEPT_BY_LEAKPATH : null);
		}
		return db.sql(INSERT_ITEMS)
			.bind("command", command)
			.bind("alertIds", alerts.stream().map(TriageTarget::alertId).toArray(Long[]::new))
			.bind("providers", alerts.stream().map(TriageTarget::provider).toArray(String[]::new))
			.bind("statuses", statuses.toArray(String[]::new))
			.bind("readStates", alerts.stream().map(alert -> states.json(alert.read())).toArray(String[]::new))
			.bind("notes", notes.toArray(String[]::new))
			.then();
	}

	private Mono<Void> keepAssignees(long command, TriageOrder order, List<TriageTarget> alerts, AuditOrigin origin) {
		Long[] kept = alerts.stream().filter(alert -> keptHere(order, alert)).map(TriageTarget::alertId)
			.toArray(Long[]::new);
		if (kept.length == 0) {
			return Mono.empty();
		}
		return db.sql(KEEP_ASSIGNEES)
			.bind("alertIds", kept)
			.bind("assignee", order.assignee())
			.bind("assignedBy", origin.actor())
			.bind("command", command)
			.then();
	}

	private boolean keptHere(TriageOrder order, TriageTarget alert) {
		return order.action() == TriageAction.ASSIGN && providers.assigneesKeptByLeakpath(alert.provider());
	}

	private List<AuditChange> changes(long command, TriageOrder order, List<TriageTarget> alerts) {
		List<AuditChange> changes = new ArrayList<>(alerts.size());
		for (TriageTarget alert : alerts) {
			ObjectNode before = mapper.createObjectNode()
				.put("state", alert.state())
				.put("resolution", alert.resolution())
				.put("providerState", alert.read().state())
				.put("providerResolution", alert.read().resolution())
				.put("assignee", alert.assignee());
			ObjectNode after = mapper.createObjectNode()
				.put("triageCommand", command)
				.put("action", order.action().word())
				.put("state", order.targetState() == null ? alert.state() : order.targetState())
				.put("resolution", order.action() == TriageAction.ASSIGN ? alert.resolution() : order.resolution())
				.put("comment", order.comment())
				.put("assignee", order.action() == TriageAction.ASSIGN ? order.assignee() : alert.assignee());
			changes.add(new AuditChange("alert:" + alert.alertId(), before.toString(), after.toString()));
		}
		return changes;
	}

	private static Parameter nullable(String value) {
		return Parameter.fromOrEmpty(value, String.class);
	}

}
