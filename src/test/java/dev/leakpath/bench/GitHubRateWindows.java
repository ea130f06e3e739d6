package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * GitHub's documented REST limits for one token (github-api.md §5), enforced by a fake GitHub with time scaled
 * down by {@code speedUp}: the primary limit of 5,000 requests an hour (403, {@code x-ratelimit-remaining: 0} and
 * {@code x-ratelimit-reset} at the window's end), and the secondary limit of 900 points a minute on one endpoint,
 * a GET costing 1 and a PATCH 5 (403 with GitHub's message and {@code retry-after}). Windows are fixed, from
 * {@link #open}: GitHub's own are not published more exactly than that. Counts what it refused; off until opened.
 */
final class GitHubRateWindows implements ResponseDefinitionTransformerV2 {

	static final int PRIMARY_PER_HOUR = 5_000;

	static final int POINTS_PER_MINUTE = 900;

	static final int PATCH_POINTS = 5;

	private final long hourNanos;

	private final long minuteNanos;

	private final String endpoint;

	private final Object lock = new Object();

	private final AtomicLong primaryRefusals = new AtomicLong();

	private final AtomicLong secondaryRefusals = new AtomicLong();

	private volatile long started = -1;

	private long primaryWindow = -1;

	private int primaryUsed;

	private long pointsWindow = -1;

	private int pointsUsed;

	private int mostInOneHour;

	/**
	 * @param endpoint a regular expression of the one endpoint whose points are counted
	 */
	GitHubRateWindows(int speedUp, String endpoint) {
		this.hourNanos = Duration.ofHours(1).toNanos() / speedUp;
		this.minuteNanos = Duration.ofMinutes(1).toNanos() / speedUp;
		this.endpoint = endpoint;
	}

	/** From now on, with full budgets. */
	void open() {
		synchronized (lock) {
			started = System.nanoTime();
			primaryWindow = -1;
			pointsWindow = -1;
		}
	}

	/** The most requests one (scaled) hour window let through. */
	int mostInOneHour() {
		synchronized (lock) {
			return mostInOneHour;
		}
	}

	long primaryRefusals() {
		return primaryRefusals.get();
	}

	long secondaryRefusals() {
		return secondaryRefusals.get();
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		long now = System.nanoTime();
		boolean counted = event.getRequest().getUrl().split("\\?")[0].matches(endpoint);
		int points = "PATCH".equals(event.getRequest().getMethod().getName()) ? PATCH_POINTS : 1;
		if (started < 0) {
			return event.getResponseDefinition();
		}
		synchronized (lock) {
			long hour = (now - started) / hourNanos;
			if (hour != primaryWindow) {
				primaryWindow = hour;
				primaryUsed = 0;
			}
			if (primaryUsed >= PRIMARY_PER_HOUR) {
				primaryRefusals.incrementAndGet();
				long resetNanos = started + (hour + 1) * hourNanos - now;
				return primaryLimit(System.currentTimeMillis() + resetNanos / 1_000_000);
			}
			if (counted) {
				long minute = (now - started) / minuteNanos;
				if (minute != pointsWindow) {
					pointsWindow = minute;
					pointsUsed = 0;
				}
				if (pointsUsed + points > POINTS_PER_MINUTE) {
					secondaryRefusals.incrementAndGet();
					long waitNanos = started + (minute + 1) * minuteNanos - now;
					return secondaryLimit((waitNanos + 999_999_999) / 1_000_000_000);
				}
				pointsUsed += points;
			}
			primaryUsed++;
			mostInOneHour = Math.max(mostInOneHour, primaryUsed);
		}
		return event.getResponseDefinition();
	}

	private static ResponseDefinition primaryLimit(long resetEpochMillis) {
		// the reset is whole epoch seconds, rounded up so that a client waiting for it never comes too early
		return aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withHeader("x-ratelimit-limit", String.valueOf(PRIMARY_PER_HOUR))
			.withHeader("x-ratelimit-remaining", "0")
			.withHeader("x-ratelimit-reset", String.valueOf((resetEpochMillis + 999) / 1000))
			.withHeader("x-ratelimit-resource", "core")
			.withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":"
					+ "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
			.build();
	}

	private static ResponseDefinition secondaryLimit(long retryAfterSeconds) {
		return aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withHeader("retry-after", String.valueOf(Math.max(1, retryAfterSeconds)))
			.withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you "
					+ "try again.\"}")
			.build();
	}

	@Override
	public boolean applyGlobally() {
		return true;
	}

	@Override
	public String getName() {
		return "github-rate-windows";
	}

}
