package dev.leakpath.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What became of a batch of notifications, written in at most two statements at the end of the batch rather
 * than an update per message.
 */
final class NotificationOutcomes {

	private static final String SENT = """
			update notification set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null
			where id = any(:ids)
			""";

	/** A retry keeps the notification pending with a new due time; giving up fails it and keeps its due time. */
	private static final String NOT_SENT = """
			update notification n
			set status = u.status, attempts = u.attempt, last_error = u.error
			  , next_attempt_at = coalesce(now() + cast(u.wait as interval), n.next_attempt_at)
			from unnest(cast(:ids as bigint[]), cast(:statuses as text[]), cast(:attempts as int[]),
			            cast(:errors as text[]), cast(:waits as text[])) as u (id, status, attempt, error, wait)
			where n.id = u.id
			""";

	private final List<Long> sent = new ArrayList<>();

	private final List<NotSent> notSent = new ArrayList<>();

	synchronized void sent(long id) {
		sent.add(id);
	}

	synchronized void retry(long id, int attempt, String error, Duration wait) {
		notSent.add(new NotSent(id, "pending", attempt, error, wait.toMillis() + " milliseconds"));
	}

	synchronized void giveUp(long id, int attempt, String error) {
		notSent.add(new NotSent(id, "failed", attempt, error, null));
	}

	synchronized Mono<Void> write(DatabaseClient db) {
		List<Long> sentIds = List.copyOf(sent);
		List<NotSent> others = List.copyOf(notSent);
		Mono<Void> writeSent = sentIds.isEmpty() ? Mono.empty()
				: db.sql(SENT).bind("ids", sentIds.toArray(Long[]::new)).then();
		Mono<Void> writeOthers = others.isEmpty() ? Mono.empty()
				: db.sql(NOT_SENT)
					.bind("ids", others.stream().map(NotSent::id).toArray(Long[]::new))
					.bind("statuses", others.stream().map(NotSent::status).toArray(String[]::new))
					.bind("attempts", others.stream().map(NotSent::attempt).toArray(Integer[]::new))
					.bind("errors", others.stream().map(NotSent::error).toArray(String[]::new))
					.bind("waits", others.stream().map(NotSent::interval).toArray(String[]::new))
					.then();
		return writeSent.then(writeOthers);
	}

	private record NotSent(long id, String status, int attempt, String error, String interval) {
	}

}
