package dev.leakpath.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Group commit for the intake: deliveries that arrive while earlier inserts are running wait, and are then
 * stored together by one insert in one transaction. Nothing waits when the database keeps up, and under
 * load the intake rate is not bound by one commit per delivery. Each caller learns of its own delivery only
 * once it is committed. At most {@code max-queued-deliveries} wait; a caller that gives up (its intake
 * timeout) takes its delivery out of the queue.
 */
@Component
class InboxWriter {

	private static final int MAX_BATCH = 500;

	private static final int CONCURRENT_INSERTS = 4;

	private final WebhookInbox inbox;

	private final int maxQueued;

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	/** The queue's length: ConcurrentLinkedQueue counts by walking it. */
	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	InboxWriter(WebhookInbox inbox, WebhookProperties properties, MeterRegistry meters) {
		this.inbox = inbox;
		this.maxQueued = properties.maxQueuedDeliveries();
		Gauge.builder("leakpath.webhook.intake.queued", queued, AtomicInteger::get)
			.description("Deliveries waiting for the inbox insert")
			.register(meters);
	}

	/**
	 * Stores a delivery; emits false when its id was stored before (a redelivery), and fails with
	 * {@link InboxFullException} when {@code max-queued-deliveries} wait already.
	 */
	Mono<Boolean> accept(InboundDelivery delivery) {
		return Mono.create(sink -> {
			if (queued.incrementAndGet() > maxQueued) {
				queued.decrementAndGet();
				sink.error(new InboxFullException());
				return;
			}
			Pending pending = new Pending(delivery, sink);
			// taken out only while still queued; a batch already being inserted cannot be recalled
			sink.onCancel(() -> {
				if (queue.remove(pending)) {
					queued.decrementAndGet();
				}
			});
			queue.add(pending);
			drain();
		});
	}

	private void drain() {
		while (!queue.isEmpty()) {
			int now = running.get();
			if (now >= CONCURRENT_INSERTS) {
				// a running insert calls drain() again when it ends
				return;
			}
			if (!running.compareAndSet(now, now + 1)) {
				continue;
			}
			List<Pending> batch = new ArrayList<>();
			for (Pending next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
				queued.decrementAndGet();
				batch.add(next);
			}
			if (batch.isEmpty()) {
				running.decrementAndGet();
				continue;
			}
			write(batch).doFinally(signal -> {
				running.decrementAndGet();
				drain();
			}).subscribe();
		}
	}

	private Mono<Void> write(List<Pending> batch) {
		return insert(batch).onErrorResume(ex -> {
			if (batch.size() > 1 && refusedRow(ex)) {
				// one row the database refuses fails the whole statement: each row alone, so only it fails
				return Flux.fromIterable(batch).concatMap(item -> write(List.of(item))).then();
			}
			batch.forEach(item -> item.sink().error(ex));
			return Mono.empty();
		});
	}

	private Mono<Void> insert(List<Pending> batch) {
		Map<String, InboundDelivery> distinct = new LinkedHashMap<>();
		batch.forEach(item -> distinct.putIfAbsent(key(item.delivery()), item.delivery()));
		return inbox.acceptAll(List.copyOf(distinct.values())).doOnNext(stored -> {
			for (Pending item : batch) {
				// a delivery given twice in one batch is stored once: the first caller stored it
				item.sink().success(stored.remove(key(item.delivery())));
			}
		}).then();
	}

	/** The database refused a row's data, as opposed to being out of reach. */
	static boolean refusedRow(Throwable ex) {
		return ex instanceof DataIntegrityViolationException
				|| ex instanceof io.r2dbc.spi.R2dbcDataIntegrityViolationException;
	}

	static String key(InboundDelivery delivery) {
		return delivery.provider() + "\n" + delivery.deliveryId();
	}

	private record Pending(InboundDelivery delivery, MonoSink<Boolean> sink) {
	}

	/** {@code max-queued-deliveries} deliveries wait for the insert already. */
	static final class InboxFullException extends RuntimeException {

		InboxFullException() {
			super("max-queued-deliveries deliveries wait for the inbox insert", null, false, false);
		}

	}

}
