package dev.leakpath.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Turns some of a fake GitHub's answers into failures, deterministically so that runs compare: every fifth
 * request a 5xx (500, 502, 503 in turn), and every 37th a secondary rate limit (429 with {@code Retry-After: 1}
 * and GitHub's message, github-api.md §5). Off until {@link #enable}.
 */
final class InjectedFaults implements ResponseDefinitionTransformerV2 {

	private static final int[] SERVER_ERRORS = { 500, 502, 503 };

	private final AtomicLong requests = new AtomicLong();

	private volatile boolean enabled;

	void enable() {
		requests.set(0);
		enabled = true;
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		if (!enabled) {
			return event.getResponseDefinition();
		}
		long request = requests.incrementAndGet();
		if (request % 37 == 0) {
			return aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withHeader("Retry-After", "1")
				.withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}")
				.build();
		}
		if (request % 5 == 0) {
			return aResponse().withStatus(SERVER_ERRORS[(int) (request / 5 % SERVER_ERRORS.length)])
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withBody("{\"message\":\"Server Error\"}")
				.build();
		}
		return event.getResponseDefinition();
	}

	@Override
	public boolean applyGlobally() {
		return true;
	}

	@Override
	public String getName() {
		return "injected-faults";
	}

}
