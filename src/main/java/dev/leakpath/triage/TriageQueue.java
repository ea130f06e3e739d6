package dev.leakpath.triage;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.AlertChange;
import dev.leakpath.model.AlertReference;
import dev.leakpath.model.NormalizedRepository;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The pending triage items, as a durable queue. A claim moves an item's next attempt a lease ahead, so an item a
 * stopped or crashed worker held comes due again by itself. An alert's items are claimed one at a time, in the
 * order they were asked for. An outcome is recorded only for the claim that made it (its attempt number).
 */
@Component
class TriageQueue {

	private static final int MAX_ERROR_LENGTH = 1000;

	private static final String CLAIM = """
			with due as (
			    select i.id from triage_item i
			    where i.status = 'pending' and i.next_attempt_at <= now()
			      and not exists (select 1 from triage_item p
			                      where p.alert_id = i.alert_id and p.status = 'pending' and p.id < i.id)
			    order by i.next_attempt_at, i.id
			    limit :limit
			    for update skip locked
			), claimed as (
			    update triage_item t
			    set next_attempt_at = now() + :leaseMillis * interval '1 millisecond', attempts = t.attempts + 1
			    from due where t.id = due.id
			    returning t.id, t.command_id, t.alert_id, t.provider, t.attempts, cast(t.read_state as text) as read_state,
			        t.revoked_at
			)
			select c.id, c.attempts, c.provider, c.read_state, c.revoked_at is not null as revoked, m.action, m.resolution, m.comment, m.assignee,
			       r.organization, r.project, r.full_name, r.provider_repo_id, a.provider_alert_id
			from claimed c
			join triage_command m on m.id = c.command_id
			join alert a on a.id = c.alert_id
			join repository r on r.id = a.repository_id
			order by c.id
			""";

	/** Kept before the alert is resolved, so that a retry of the resolve never revokes again. */
	private static final String REVOKED = """
			update triage_item set revoked_at = now() where id = any(cast(:ids as bigint[])) and status = 'pending'
			""";

	private static final String RENEW = """
			update triage_item t
			set next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as c (id, attempts)
			where t.id = c.id and t.attempts = c.attempts and t.status = 'pending'
			""";

	/** The provider's answer is what leakpath has read of the alert now: the alert's next items compare with it. */
	private static final String APPLIED = """
			with done as (
			    update triage_item set status = 'applied', answer = cast(:answer as jsonb), note = :note,
			        last_error = null, finished_at = now()
			    where id = :id and attempts = :attempts and status = 'pending'
			    returning id, alert_id
			)
			update triage_item n set read_state = cast(:answer as jsonb)
			from done where n.alert_id = done.alert_id and n.status = 'pending' and n.id > done.id
			""";

	private static final String FINISHED = """
			update triage_item set status = :status, answer = cast(:answer as jsonb), note = :note, last_error = :error,
			    finished_at = now()
			where id = :id and attempts = :attempts and status = 'pending'
			""";

	private static final String RETRY = """
			update triage_item set next_attempt_at = now() + :waitMillis * interval '1 millisecond', last_error = :error
			where id = :id and attempts = :attempts and status = 'pending'
			""";

	private final DatabaseClient db;

	private final ProviderStates states;

	TriageQueue(DatabaseClient db, ProviderStates states) {
		this.db = db;
		this.states = states;
	}

	Mono<List<ClaimedItem>> claim(int limit, Duration lease) {
		return db.sql(CLAIM)
			.bind("limit", limit)
			.bind("leaseMillis", lease.toMillis())
			.map(this::claimed)
			.all()
			.collectList();
	}

	/** Moves the leases of items still being worked on a full {@code lease} from now. */
	Mono<Void> renew(Collection<ClaimedItem> working, Duration lease) {
		if (working.isEmpty()) {
			return Mono.empty();
		}
		return db.sql(RENEW)
			.bind("leaseMillis", lease.toMillis())
			.bind("ids", working.stream().map(ClaimedItem::id).toArray(Long[]::new))
			.bind("attempts", working.stream().map(ClaimedItem::attempts).toArray(Integer[]::new))
			.then();
	}

	/** Records that the provider accepted these items' revocation. */
	Mono<Void> revoked(Collection<ClaimedItem> items) {
		return db.sql(REVOKED).bind("ids", items.stream().map(ClaimedItem::id).toArray(Long[]::new)).then();
	}

	Mono<Void> record(ClaimedItem item, TriageOutcome outcome) {
		String answer = outcome.answer() == null ? null : states.json(outcome.answer());
		if (outcome.status() == TriageOutcome.Status.RETRY) {
			return db.sql(RETRY)
				.bind("waitMillis", outcome.retryIn().toMillis())
				.bind("error", truncate(outcome.error()))
				.bind("id", item.id())
				.bind("attempts", item.attempts())
				.then();
		}
		if (outcome.status() == TriageOutcome.Status.APPLIED) {
			return db.sql(APPLIED)
				.bind("answer", answer)
				.bind("note", nullable(outcome.note()))
				.bind("id", item.id())
				.bind("attempts", item.attempts())
				.then();
		}
		return db.sql(FINISHED)
			.bind("status", outcome.status().word())
			.bind("answer", nullable(answer))
			.bind("note", nullable(outcome.note()))
			.bind("error", nullable(truncate(outcome.error())))
			.bind("id", item.id())
			.bind("attempts", item.attempts())
			.then();
	}

	private ClaimedItem claimed(Readable row) {
		String provider = row.get("provider", String.class);
		String organization = row.get("organization", String.class);
		String fullName = row.get("full_name", String.class);
		// what the write-back may address the repository by: GitHub its full name, Azure DevOps its project and id
		NormalizedRepository repository = new NormalizedRepository(provider, organization, row.get("project", String.class),
				null, fullName, row.get("provider_repo_id", String.class), null, null, null, null, false);
		AlertReference alert = new AlertReference(organization, fullName, row.get("provider_alert_id", String.class),
				repository);
		TriageAction action = TriageAction.of(row.get("action", String.class));
		AlertChange change = new AlertChange(action.kind(),
				row.get("resolution", String.class), row.get("comment", String.class), row.get("assignee", String.class));
		return new ClaimedItem(row.get("id", Long.class), row.get("attempts", Integer.class), provider, alert, change,
				states.read(row.get("read_state", String.class)), action == TriageAction.REVOKE,
				Boolean.TRUE.equals(row.get("revoked", Boolean.class)));
	}

	private static Parameter nullable(String value) {
		return Parameter.fromOrEmpty(value, String.class);
	}

	private static String truncate(String error) {
		return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
	}

}
