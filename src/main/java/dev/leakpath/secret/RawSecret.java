package dev.leakpath.secret;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A secret value as a provider returned it. It lives in memory only, long enough to fingerprint it
 * (and, later, to find its target); {@link #toString()} never shows it, so it cannot leak through
 * logs or exception messages by accident.
 */
public final class RawSecret {

	private final String value;

	private RawSecret(String value) {
		this.value = value;
	}

	@JsonCreator
	public static RawSecret of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new RawSecret(value.replace("\r\n", "\n").strip());
	}

	String value() {
		return value;
	}

	public boolean isEmpty() {
		return value.isEmpty();
	}

	@Override
	public String toString() {
		return "RawSecret[redacted]";
	}

}
