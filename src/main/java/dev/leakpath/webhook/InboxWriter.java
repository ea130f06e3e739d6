package dev.leakpath.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.stereotype.Component;

/**
 * Group commit for the intake: deliveries that arrive while earlier inserts are running wait, and are then
 * stored together by one insert in one transaction. Nothing waits when the database keeps up, and under
 * load the intake rate is not bound by one commit per delivery. Each caller learns of its own delivery only
 * once it is committed.
 */
@Component
class InboxWriter {

	private static final int MAX_BATCH = 500;

	private static final int CONCURRENT_INSERTS = 4;

	private final WebhookInbox inbox;

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger running = new AtomicInteger();

	InboxWriter(WebhookInbox inbox) {
		this.inbox = inbox;
	}

	/** Stores a delivery; emits false when its id was stored before (a redelivery). */
	Mono<Boolean> accept(InboundDelivery delivery) {
		return Mono.create(sink -> {
			queue.add(new Pending(delivery, sink));
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
		Map<String, InboundDelivery> distinct = new LinkedHashMap<>();
		batch.forEach(item -> distinct.putIfAbsent(key(item.delivery()), item.delivery()));
		return inbox.acceptAll(List.copyOf(distinct.values())).doOnNext(stored -> {
			for (Pending item : batch) {
				// a delivery given twice in one batch is stored once: the first caller stored it
				item.sink().success(stored.remove(key(item.delivery())));
			}
		}).doOnError(ex -> batch.forEach(item -> item.sink().error(ex))).onErrorResume(ex -> Mono.empty()).then();
	}

	static String key(InboundDelivery delivery) {
		return delivery.provider() + "\n" + delivery.deliveryId();
	}

	private record Pending(InboundDelivery delivery, MonoSink<Boolean> sink) {
	}

}
