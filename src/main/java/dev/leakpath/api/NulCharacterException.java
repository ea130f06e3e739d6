package dev.leakpath.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A string of a JSON body holds a NUL (U+0000), which PostgreSQL cannot store as text. */
final class NulCharacterException extends JsonMappingException {

	private final String field;

	NulCharacterException(JsonParser parser, String field) {
		super(parser, "JSON field '" + field + "' must not contain a NUL character");
		this.field = field;
	}

	/** The field as a JSON Pointer (RFC 6901), {@code /0/providerId}. */
	String field() {
		return field;
	}

	/** The message without Jackson's location suffix: it names the field, never the value. */
	String detail() {
		return getOriginalMessage();
	}

}
