package dev.leakpath.webhook;

import java.util.concurrent.Semaphore;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Reads delivery bodies within two bounds, so that unauthenticated senders cannot exhaust memory: no body
 * is buffered beyond {@code max-body-size}, declared or not (chunked), and at most
 * {@code max-concurrent-bodies} are read at once. A refused body is not read at all.
 */
@Component
class BoundedBodies {

	private static final byte[] EMPTY = new byte[0];

	private final int maxBytes;

	private final Semaphore reading;

	BoundedBodies(WebhookProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes());
		this.reading = new Semaphore(properties.maxConcurrentBodies());
	}

	/** The whole body; fails with {@link TooLargeException} or {@link BusyException}. */
	Mono<byte[]> read(ServerHttpRequest request) {
		return Mono.defer(() -> {
			if (request.getHeaders().getContentLength() > maxBytes) {
				return Mono.error(new TooLargeException());
			}
			if (!reading.tryAcquire()) {
				return Mono.error(new BusyException());
			}
			// join stops, and releases what it holds, as soon as the running total passes the limit
			return DataBufferUtils.join(request.getBody(), maxBytes)
				.map(BoundedBodies::bytes)
				.defaultIfEmpty(EMPTY)
				.onErrorMap(DataBufferLimitException.class, ex -> new TooLargeException())
				.doFinally(signal -> reading.release());
		});
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] body = new byte[buffer.readableByteCount()];
			buffer.read(body);
			return body;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The body is over {@code max-body-size}. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException() {
			super("the body is over max-body-size", null, false, false);
		}

	}

	/** {@code max-concurrent-bodies} bodies are being read already. */
	static final class BusyException extends RuntimeException {

		BusyException() {
			super("max-concurrent-bodies bodies are being read", null, false, false);
		}

	}

}
