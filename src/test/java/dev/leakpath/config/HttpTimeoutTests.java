package dev.leakpath.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.RawHttp;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Slow and silent clients over real sockets: the server closes each within its timeout. */
@TestPropertySource(properties = { "server.netty.idle-timeout=1s",
		"leakpath.http.read-timeout=PT1S", "leakpath.http.request-timeout=PT2S" })
class HttpTimeoutTests extends IntegrationTest {

	/** Over each timeout: scheduling on two busy cores, never the minutes a missing timeout takes. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	private static final Duration TRICKLE = Duration.ofMillis(200);

	@LocalServerPort
	private int port;

	@Test
	void connectionWhenNothingIsSentThenClosedWithinTheIdleTimeout() {
		try (RawHttp silent = RawHttp.connect(port)) {
			assertThat(silent.closedWithin(Duration.ofSeconds(1).plus(SLACK))).isTrue();
		}
	}

	@Test
	void headersWhenTrickledThenClosedWithinTheIdleTimeout() {
		try (RawHttp slow = RawHttp.connect(port)) {
			slow.send("POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\n");
			assertThat(trickleUntilClosed(slow, "X-Slow: a\r\n", Duration.ofSeconds(1).plus(SLACK))).isTrue();
		}
	}

	@Test
	void bodyWhenItStopsAfterTheHeadersThenClosedWithinTheReadTimeout() {
		try (RawHttp stalled = RawHttp.connect(port)) {
			stalled.send(signedHead());
			stalled.send("{\"action\":");
			assertThat(stalled.closedWithin(Duration.ofSeconds(1).plus(SLACK))).isTrue();
		}
	}

	@Test
	void bodyWhenTrickledThenClosedWithinTheRequestTimeout() {
		try (RawHttp trickling = RawHttp.connect(port)) {
			trickling.send(signedHead());
			// a byte every 200 ms never trips the 1 s read timeout
			assertThat(trickleUntilClosed(trickling, " ", Duration.ofSeconds(2).plus(SLACK))).isTrue();
		}
	}

	/** Sends {@code piece} every 200 ms; true when the server closed the connection within {@code within}. */
	private static boolean trickleUntilClosed(RawHttp connection, String piece, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			// the pause is the slow client under test, not a wait for the server
			LockSupport.parkNanos(TRICKLE.toNanos());
			if (!connection.send(piece) || connection.closedWithin(Duration.ofMillis(1))) {
				return true;
			}
		}
		return false;
	}

	private static String signedHead() {
		return RawHttp.head("POST /webhooks/github HTTP/1.1", "Content-Type: application/json",
				"X-GitHub-Event: secret_scanning_alert", "X-GitHub-Delivery: d-slow",
				"X-Hub-Signature-256: sha256=" + "0".repeat(64), "Content-Length: 100000");
	}

}
