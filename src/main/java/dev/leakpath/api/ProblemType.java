package dev.leakpath.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The kinds of problem the API answers with (RFC 9457). */
enum ProblemType {

	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	/** The type of that status, or null for one the API has no type of its own for. */
	static ProblemType of(HttpStatusCode status) {
		for (ProblemType type : values()) {
			if (type.status.value() == status.value()) {
				return type;
			}
		}
		return null;
	}

	String slug() {
		return slug;
	}

	HttpStatus status() {
		return status;
	}

	String title() {
		return title;
	}

	ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://leakpath.dev/problems/" + slug));
		problem.setTitle(title);
		return problem;
	}

}
