package dev.leakpath.api;

import java.net.URI;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.leakpath.asset.InvalidAssetsException;
import dev.leakpath.explorer.InvalidExplorerQueryException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Turns failures into problem responses. Unexpected errors are logged, and their details never shown. */
@RestControllerAdvice
class ApiProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	private final DatabaseOutageProperties outage;

	private final RateLimitedLog outageLog;

	ApiProblemHandler(DatabaseOutageProperties outage, Clock clock) {
		this.outage = outage;
		this.outageLog = new RateLimitedLog(log, outage.logInterval(), clock);
	}

	@ExceptionHandler(ApiProblemException.class)
	ResponseEntity<ProblemDetail> problem(ApiProblemException ex) {
		return response(ex.type(), ex.getMessage());
	}

	/** Every invalid row of an asset batch, with its index, so the sender can fix them all at once. */
	@ExceptionHandler(InvalidAssetsException.class)
	ResponseEntity<ProblemDetail> invalidAssets(InvalidAssetsException ex) {
		ResponseEntity<ProblemDetail> response = response(ProblemType.BAD_REQUEST, ex.getMessage());
		response.getBody().setProperty("errors", ex.errors());
		return response;
	}

	@ExceptionHandler(InvalidExplorerQueryException.class)
	ResponseEntity<ProblemDetail> invalidQuery(InvalidExplorerQueryException ex) {
		return response(ProblemType.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * Spring's own 4xx (unreadable input, unknown path, wrong method or media type) keep their status and headers
	 * ({@code Allow}, {@code Accept}); their detail is said in the API's terms.
	 */
	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<ProblemDetail> springStatus(ResponseStatusException ex) {
		String detail = FrameworkProblems.detail(ex);
		ProblemType type = ProblemType.of(ex.getStatusCode());
		ProblemDetail problem = type == null ? ProblemDetail.forStatusAndDetail(ex.getStatusCode(), detail)
				: response(type, detail).getBody();
		return ResponseEntity.status(ex.getStatusCode()).headers(FrameworkProblems.headers(ex)).body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (DatabaseOutages.isOutage(ex)) {
			return databaseOutage(ex);
		}
		log.error("Request failed", ex);
		return response(ProblemType.INTERNAL, "The request failed; the server log has the details");
	}

	/** The caller may try again; the log gets a line per kind of failure, not a trace per request. */
	private ResponseEntity<ProblemDetail> databaseOutage(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String kind = ex.getClass().getSimpleName() + " < " + root.getClass().getSimpleName();
		outageLog.warn(kind, "Database unreachable, answering 503: " + kind + ": " + firstLine(root.getMessage()));
		ProblemDetail problem = response(ProblemType.UNAVAILABLE, "The database cannot be reached; try again later")
			.getBody();
		return ResponseEntity.status(ProblemType.UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(outage.retryAfter().toSeconds()))
			.body(problem);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.lines().findFirst().orElse("");
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}

	private static ResponseEntity<ProblemDetail> response(ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(URI.create("https://leakpath.dev/problems/" + type.slug()));
		problem.setTitle(type.title());
		return ResponseEntity.status(type.status()).body(problem);
	}

}
