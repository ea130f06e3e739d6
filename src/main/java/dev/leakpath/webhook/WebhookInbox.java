package dev.leakpath.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedRepository;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The durable queue between webhook intake and processing. A delivery is claimed by moving its
 * {@code next_attempt_at} past a lease, so one that a crashed worker held comes due again by itself.
 */
@Component
class WebhookInbox {

	private static final int MAX_ERROR_LENGTH = 1000;

	private static final String ACCEPT = """
			insert into webhook_delivery (provider, delivery_id, event, action, scope, repository, alert_id,
			                              repository_hint)
			select provider, delivery_id, event, action, scope, repository, alert_id, cast(hint as jsonb)
			from unnest(cast(:provider as text[]), cast(:deliveryId as text[]), cast(:event as text[]),
			            cast(:action as text[]), cast(:scope as text[]), cast(:repository as text[]),
			            cast(:alertId as text[]), cast(:hint as text[]))
			     as input (provider, delivery_id, event, action, scope, repository, alert_id, hint)
			on conflict (provider, delivery_id) do nothing
			returning provider, delivery_id
			""";

	private static final String CLAIM = """
			update webhook_delivery d
			set next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			  , attempts        = d.attempts + 1
			from (select id from webhook_delivery
			      where status = 'pending' and next_attempt_at <= now()
			      order by next_attempt_at, id
			      limit :limit
			      for update skip locked) due
			where d.id = due.id
			returning d.id, d.provider, d.delivery_id, d.event, d.action, d.scope, d.repository, d.alert_id,
			          cast(d.repository_hint as text) as hint, d.attempts, d.received_at
			""";

	/** The claim's attempt number tells this worker's claim from a later one, once a lease did lapse. */
	private static final String RENEW = """
			update webhook_delivery d
			set next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
			from unnest(cast(:ids as bigint[]), cast(:attempts as integer[])) as c (id, attempts)
			where d.id = c.id and d.attempts = c.attempts and d.status = 'pending'
			""";

	private static final String COMPLETE = """
			update webhook_delivery set status = 'done', processed_at = now(), last_error = null
			where id = any(:ids)
			""";

	private static final String RETRY = """
			update webhook_delivery d
			set next_attempt_at = now() + r.delay_millis * interval '1 millisecond'
			  , last_error      = r.error
			from unnest(cast(:ids as bigint[]), cast(:delays as bigint[]), cast(:errors as text[]))
			     as r (id, delay_millis, error)
			where d.id = r.id
			""";

	private static final String PARK = """
			update webhook_delivery d set status = 'failed', processed_at = now(), last_error = r.error
			from unnest(cast(:ids as bigint[]), cast(:errors as text[])) as r (id, error)
			where d.id = r.id
			""";

	private static final String REQUEUE = """
			update webhook_delivery
			set status = 'pending', attempts = 0, next_attempt_at = now(), processed_at = null
			where id = :id and status = 'failed'
			""";

	private static final String PRUNE = "delete from webhook_delivery where status = 'done' and received_at < :before";

	private static final String LAST_RECEIVED = "select max(received_at) as last from webhook_delivery where provider = :provider";

	private final DatabaseClient db;

	private final ObjectMapper mapper;

	WebhookInbox(DatabaseClient db, ObjectMapper mapper) {
		this.db = db;
		this.mapper = mapper;
	}

	/** Stores deliveries in one statement; emits the {@link InboxWriter#key keys} of those not stored before. */
	Mono<Set<String>> acceptAll(List<InboundDelivery> deliveries) {
		return db.sql(ACCEPT)
			.bind("provider", texts(deliveries, InboundDelivery::provider))
			.bind("deliveryId", texts(deliveries, InboundDelivery::deliveryId))
			.bind("event", texts(deliveries, InboundDelivery::event))
			.bind("action", texts(deliveries, InboundDelivery::action))
			.bind("scope", texts(deliveries, InboundDelivery::scope))
			.bind("repository", texts(deliveries, InboundDelivery::repository))
			.bind("alertId", texts(deliveries, InboundDelivery::alertId))
			.bind("hint", texts(deliveries, delivery -> hint(delivery.repositoryHint())))
			.map(row -> row.get("provider", String.class) + "\n" + row.get("delivery_id", String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	Mono<List<ClaimedDelivery>> claim(int limit, Duration lease) {
		return db.sql(CLAIM)
			.bind("leaseMillis", lease.toMillis())
			.bind("limit", limit)
			.map(row -> new ClaimedDelivery(row.get("id", Long.class),
					new InboundDelivery(row.get("provider", String.class), row.get("delivery_id", String.class),
							row.get("event", String.class), row.get("action", String.class),
							row.get("scope", String.class), row.get("repository", String.class),
							row.get("alert_id", String.class), repository(row.get("hint", String.class))),
					row.get("attempts", Integer.class), row.get("received_at", Instant.class)))
			.all()
			.collectList();
	}

	/** Moves the leases of claimed deliveries a full {@code lease} from now. */
	Mono<Void> renew(List<ClaimedDelivery> claimed, Duration lease) {
		return db.sql(RENEW)
			.bind("leaseMillis", lease.toMillis())
			.bind("ids", claimed.stream().map(ClaimedDelivery::id).toArray(Long[]::new))
			.bind("attempts", claimed.stream().map(ClaimedDelivery::attempts).toArray(Integer[]::new))
			.then();
	}

	Mono<Void> complete(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return db.sql(COMPLETE).bind("ids", ids.toArray(Long[]::new)).then();
	}

	Mono<Void> retry(List<Failure> failures) {
		if (failures.isEmpty()) {
			return Mono.empty();
		}
		return db.sql(RETRY)
			.bind("ids", failures.stream().map(Failure::id).toArray(Long[]::new))
			.bind("delays", failures.stream().map(failure -> failure.retryIn().toMillis()).toArray(Long[]::new))
			.bind("errors", failures.stream().map(Failure::error).toArray(String[]::new))
			.then();
	}

	Mono<Void> park(List<Failure> failures) {
		if (failures.isEmpty()) {
			return Mono.empty();
		}
		return db.sql(PARK)
			.bind("ids", failures.stream().map(Failure::id).toArray(Long[]::new))
			.bind("errors", failures.stream().map(Failure::error).toArray(String[]::new))
			.then();
	}

	/** Puts a parked delivery back in the queue; emits false when no failed delivery has that id. */
	Mono<Boolean> requeue(long id) {
		return db.sql(REQUEUE).bind("id", id).fetch().rowsUpdated().map(count -> count > 0);
	}

	Mono<Long> prune(Instant before) {
		return db.sql(PRUNE).bind("before", before).fetch().rowsUpdated();
	}

	Mono<Instant> lastReceived(String provider) {
		return db.sql(LAST_RECEIVED)
			.bind("provider", provider)
			.map(row -> Optional.ofNullable(row.get("last", Instant.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	private static String[] texts(List<InboundDelivery> deliveries, Function<InboundDelivery, String> value) {
		return deliveries.stream().map(value).toArray(String[]::new);
	}

	private String hint(NormalizedRepository repository) {
		if (repository == null) {
			return null;
		}
		try {
			return mapper.writeValueAsString(repository);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write a repository summary", ex);
		}
	}

	private NormalizedRepository repository(String hint) {
		if (hint == null) {
			return null;
		}
		try {
			return mapper.readValue(hint, NormalizedRepository.class);
		}
		catch (JsonProcessingException ex) {
			// our own JSON: unreadable only if the record changed shape; the connector does without
			return null;
		}
	}

	static String truncate(String error) {
		String text = error == null ? "unknown error" : error;
		return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
	}

	record ClaimedDelivery(long id, InboundDelivery delivery, int attempts, Instant receivedAt) {
	}

	/** A failed attempt: {@code retryIn} is ignored when the delivery is parked. */
	record Failure(long id, String error, Duration retryIn) {
	}

}
