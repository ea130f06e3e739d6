package dev.leakpath.api;

/** Looks through the causes Spring and Jackson wrap a failure in. */
final class ExceptionCauses {

	private ExceptionCauses() {
	}

	/** The first of {@code failure} and its causes that is a {@code type}, or null. */
	static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
