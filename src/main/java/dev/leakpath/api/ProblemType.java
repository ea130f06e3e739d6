package dev.leakpath.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The kinds of problem the API answers with (RFC 9457). */
enum ProblemType {

	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
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
