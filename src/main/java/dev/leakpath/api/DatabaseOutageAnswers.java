package dev.leakpath.api;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer to a request that failed because PostgreSQL cannot be reached, wherever it failed: 503 with
 * {@code Retry-After}, so the caller may try again, and a log line per kind of failure per interval, not a trace
 * per request.
 */
@Component
class DatabaseOutageAnswers {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAnswers.class);

	private final DatabaseOutageProperties outage;

	private final RateLimitedLog outageLog;

	DatabaseOutageAnswers(DatabaseOutageProperties outage, Clock clock) {
		this.outage = outage;
		this.outageLog = new RateLimitedLog(log, outage.logInterval(), clock);
	}

	ResponseEntity<ProblemDetail> answer(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String kind = ex.getClass().getSimpleName() + " < " + root.getClass().getSimpleName();
		outageLog.warn(kind, "Database unreachable, answering 503: " + kind + ": " + firstLine(root.getMessage()));
		return ResponseEntity.status(ProblemType.UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(outage.retryAfter().toSeconds()))
			.body(ProblemType.UNAVAILABLE.problem("The database cannot be reached; try again later"));
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.lines().findFirst().orElse("");
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}

}
