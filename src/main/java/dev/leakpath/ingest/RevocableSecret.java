package dev.leakpath.ingest;

import java.util.Objects;

/**
 * A secret's value, read from its provider to be revoked there, held in memory for that call only. It has no
 * {@code equals}, and its {@code toString} names nothing, so that it cannot reach a log, an exception or an answer
 * by accident.
 */
public final class RevocableSecret {

	private final String value;

	public RevocableSecret(String value) {
		this.value = Objects.requireNonNull(value, "value must not be null");
	}

	/** The value, for the revocation request's body only. */
	public String value() {
		return value;
	}

	@Override
	public String toString() {
		return "RevocableSecret[(hidden)]";
	}

}
