package dev.leakpath.triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads triage commands and their items for the API, limited to the alerts of the organisations a caller sees. */
@Component
public class TriageQueries {

	public static final List<String> STATUSES = List.of("pending", "applied", "failed", "conflict");

	private static final String ITEMS_OF = """
			from triage_item i
			join alert a on a.id = i.alert_id
			join repository r on r.id = a.repository_id
			""";

	private static final String COMMAND = """
			select c.id, c.action, c.resolution, c.comment, c.assignee, c.requested_by, c.requested_at, c.source,
			       count(*) as alerts,
			       count(*) filter (where i.status = 'pending') as pending,
			       count(*) filter (where i.status = 'applied') as applied,
			       count(*) filter (where i.status = 'failed') as failed,
			       count(*) filter (where i.status = 'conflict') as conflict
			from triage_command c
			join triage_item i on i.command_id = c.id
			join alert a on a.id = i.alert_id
			join repository r on r.id = a.repository_id
			where c.id = :id
			""";

	/** Once applied, the stored alert shows the change when it has the asked state or assignee. */
	private static final String ITEMS = """
			select i.id, i.alert_id, i.provider, r.organization, r.full_name, a.provider_alert_id, a.alert_url, i.status,
			       i.attempts, i.next_attempt_at, i.last_error, i.note, cast(i.read_state as text) as read_state,
			       cast(i.answer as text) as answer, i.finished_at,
			       case when i.status <> 'applied' then null
			            when c.action in ('resolve', 'dismiss') then a.state = 'resolved'
			            when c.action = 'reopen' then a.state = 'open'
			            -- kept by leakpath (no provider answer), or the provider's assignee
			            else i.answer is null or coalesce(lower(a.details ->> 'assignedTo') = lower(c.assignee), false)
			       end as confirmed
			from triage_item i
			join triage_command c on c.id = i.command_id
			join alert a on a.id = i.alert_id
			join repository r on r.id = a.repository_id
			""";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	TriageQueries(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
	}

	/**
	 * The command, or empty when there is none or none of its alerts is in the caller's organisations.
	 *
	 * @param organizations those the caller sees, or null for all
	 */
	public Mono<TriageCommandView> command(long id, String[] organizations) {
		SqlConditions scope = SqlConditions.of().anyOf("r.organization", "organizations", organizations);
		Mono<List<TriageCommandView.Note>> notes = scope
			.bind(db.sql("select i.note, count(*) as alerts " + ITEMS_OF
					+ "where i.command_id = :id and i.status = 'applied' and i.note is not null\n" + scope.and()
					+ "group by i.note order by count(*) desc, i.note"))
			.bind("id", id)
			.map(row -> new TriageCommandView.Note(row.get("note", String.class), row.get("alerts", Long.class)))
			.all()
			.collectList();
		return scope.bind(db.sql(COMMAND + scope.and() + "group by c.id"))
			.bind("id", id)
			.map(TriageQueries::counted)
			.one()
			.zipWith(notes, TriageCommandView::withNotes);
	}

	/** A command's items, newest first, up to {@code limit}, below the cursor's id. */
	public Mono<List<TriageItemView>> items(long commandId, String status, Long beforeId, int limit,
			String[] organizations) {
		SqlConditions where = SqlConditions.of()
			.equal("i.command_id", "commandId", commandId)
			.equal("i.status", "status", status)
			.before("i.id", "beforeId", beforeId)
			.anyOf("r.organization", "organizations", organizations);
		return where.bind(db.sql(ITEMS + where.where() + "order by i.id desc limit :limit"))
			.bind("limit", limit)
			.map(this::item)
			.all()
			.collectList();
	}

	private static TriageCommandView counted(Readable row) {
		TriageCommandView.Counts counts = new TriageCommandView.Counts(row.get("pending", Long.class),
				row.get("applied", Long.class), row.get("failed", Long.class), row.get("conflict", Long.class));
		return new TriageCommandView(row.get("id", Long.class), row.get("action", String.class),
				row.get("resolution", String.class), row.get("comment", String.class), row.get("assignee", String.class),
				row.get("requested_by", String.class), row.get("requested_at", Instant.class),
				row.get("source", String.class), counts.pending() > 0 ? "pending" : "done",
				row.get("alerts", Long.class), counts, List.of());
	}

	private TriageItemView item(Readable row) {
		String status = row.get("status", String.class);
		return new TriageItemView(row.get("id", Long.class), row.get("alert_id", Long.class),
				row.get("provider", String.class), row.get("organization", String.class),
				row.get("full_name", String.class), row.get("provider_alert_id", String.class),
				row.get("alert_url", String.class), status, row.get("attempts", Integer.class),
				"pending".equals(status) ? row.get("next_attempt_at", Instant.class) : null,
				row.get("last_error", String.class), row.get("note", String.class), object(row.get("read_state", String.class)),
				object(row.get("answer", String.class)), row.get("finished_at", Instant.class),
				row.get("confirmed", Boolean.class));
	}

	private Map<String, Object> object(String json) {
		try {
			return json == null ? null : mapper.readValue(json, OBJECT);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a stored provider state is not JSON", ex);
		}
	}

}
