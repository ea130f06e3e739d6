package dev.leakpath.api;

/** Ends a request with a problem response; the message is shown to the caller. */
class ApiProblemException extends RuntimeException {

	private final ProblemType type;

	ApiProblemException(ProblemType type, String message) {
		super(message);
		this.type = type;
	}

	static ApiProblemException badRequest(String message) {
		return new ApiProblemException(ProblemType.BAD_REQUEST, message);
	}

	static ApiProblemException conflict(String message) {
		return new ApiProblemException(ProblemType.CONFLICT, message);
	}

	static ApiProblemException forbidden(String message) {
		return new ApiProblemException(ProblemType.FORBIDDEN, message);
	}

	static ApiProblemException notFound(String message) {
		return new ApiProblemException(ProblemType.NOT_FOUND, message);
	}

	ProblemType type() {
		return type;
	}

}
