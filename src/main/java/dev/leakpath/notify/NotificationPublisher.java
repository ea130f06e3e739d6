package dev.leakpath.notify;

import reactor.core.publisher.Mono;

/** One way to reach people. A failure is a {@link DeliveryException} saying whether trying again may help. */
interface NotificationPublisher {

	/** {@code email}, {@code slack}, {@code teams} or {@code webhook}: the name rules use. */
	String channel();

	/** Whether its destination is configured; rules cannot name a channel that is not. */
	boolean configured();

	Mono<Void> publish(NotificationMessage message, String recipient);

}
