package dev.leakpath.explorer;

/** An explorer query that cannot be run; the message says where and why, for the caller. */
public class InvalidExplorerQueryException extends RuntimeException {

	InvalidExplorerQueryException(String message) {
		super(message);
	}

}
