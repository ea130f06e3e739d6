package dev.leakpath.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * One warning per kind of failure per interval, with how many more there were, instead of a stack trace per
 * request: an outage fails every request the same way, and thousands of identical traces bury everything else.
 */
final class RateLimitedLog {

	private final Logger log;

	private final Duration interval;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	RateLimitedLog(Logger log, Duration interval, Clock clock) {
		this.log = log;
		this.interval = interval;
		this.clock = clock;
	}

	/** Logs {@code message} unless this kind was logged less than an interval ago; then only counts it. */
	void warn(String kind, String message) {
		Instant now = clock.instant();
		long[] suppressed = { -1 };
		windows.compute(kind, (key, window) -> {
			if (window == null || !now.isBefore(window.since().plus(interval))) {
				suppressed[0] = window == null ? 0 : window.suppressed();
				return new Window(now, 0);
			}
			return new Window(window.since(), window.suppressed() + 1);
		});
		if (suppressed[0] == 0) {
			log.warn("{}", message);
		}
		else if (suppressed[0] > 0) {
			log.warn("{} ({} more like it in the last {})", message, suppressed[0], interval);
		}
	}

	private record Window(Instant since, long suppressed) {
	}

}
