package dev.leakpath.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.leakpath.asset.InvalidAssetsException;
import dev.leakpath.explorer.InvalidExplorerQueryException;
import dev.leakpath.triage.InvalidTriageException;
import dev.leakpath.suppression.InvalidSuppressionRuleException;
import dev.leakpath.ticket.TicketRequestException;
import dev.leakpath.triage.TriageScopeException;
import dev.leakpath.triage.UnknownAlertsException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Turns failures into problem responses. Unexpected errors are logged, and their details never shown. */
@RestControllerAdvice
class ApiProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	private final DatabaseOutageAnswers outages;

	ApiProblemHandler(DatabaseOutageAnswers outages) {
		this.outages = outages;
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

	@ExceptionHandler(InvalidTriageException.class)
	ResponseEntity<ProblemDetail> invalidTriage(InvalidTriageException ex) {
		return response(ProblemType.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(UnknownAlertsException.class)
	ResponseEntity<ProblemDetail> unknownAlerts(UnknownAlertsException ex) {
		return response(ProblemType.NOT_FOUND, ex.getMessage());
	}

	/** Alerts the caller sees but may not triage: the organisations are named, as the caller may see them. */
	@ExceptionHandler(TriageScopeException.class)
	ResponseEntity<ProblemDetail> triageScope(TriageScopeException ex) {
		return response(ProblemType.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(InvalidSuppressionRuleException.class)
	ResponseEntity<ProblemDetail> invalidSuppressionRule(InvalidSuppressionRuleException ex) {
		return response(ProblemType.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(TicketRequestException.class)
	ResponseEntity<ProblemDetail> ticketRequest(TicketRequestException ex) {
		ProblemType type = switch (ex.kind()) {
			case INVALID -> ProblemType.BAD_REQUEST;
			case FORBIDDEN -> ProblemType.FORBIDDEN;
			case NOT_FOUND -> ProblemType.NOT_FOUND;
			case CONFLICT -> ProblemType.CONFLICT;
		};
		return response(type, ex.getMessage());
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
			return outages.answer(ex);
		}
		log.error("Request failed", ex);
		return response(ProblemType.INTERNAL, "The request failed; the server log has the details");
	}

	private static ResponseEntity<ProblemDetail> response(ProblemType type, String detail) {
		return ResponseEntity.status(type.status()).body(type.problem(detail));
	}

}
