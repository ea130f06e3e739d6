package dev.leakpath.api;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Why a JSON request body could not be read, in the caller's terms: the field as a JSON Pointer and the kind of
 * JSON value it needs. Jackson's own messages name Java types and may quote the input, so none is shown.
 */
final class JsonBodyProblems {

	private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, long.class, short.class, byte.class,
			Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);

	private JsonBodyProblems() {
	}

	static String detail(JsonProcessingException failure) {
		if (failure instanceof NulCharacterException nul) {
			return nul.detail();
		}
		// databind wraps what the parser met, such as a body that ends inside an object
		StreamReadException syntax = ExceptionCauses.find(failure, StreamReadException.class);
		if (syntax instanceof JsonEOFException) {
			return "the request body is not valid JSON: it ends before its last value is closed";
		}
		if (syntax != null) {
			return "the request body is not valid JSON" + at(syntax.getLocation());
		}
		if (!(failure instanceof JsonMappingException mapping)) {
			return "the request body is not valid JSON";
		}
		String field = pointer(mapping);
		String where = field.isEmpty() ? "the request body" : "JSON field '" + field + "'";
		if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return where + " must be " + kind(mismatch.getTargetType());
		}
		return where + " is not valid";
	}

	private static String at(JsonLocation location) {
		if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	/** As {@link NulRejectingModule} names fields: {@code /0/hosts}. */
	private static String pointer(JsonMappingException mapping) {
		JsonPointer pointer = JsonPointer.empty();
		for (JsonMappingException.Reference reference : mapping.getPath()) {
			if (reference.getFieldName() != null) {
				pointer = pointer.appendProperty(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				pointer = pointer.appendIndex(reference.getIndex());
			}
		}
		return pointer.toString();
	}

	/** The JSON value a Java type is read from. */
	private static String kind(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "a string";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (WHOLE_NUMBERS.contains(type)) {
			return "a whole number";
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (type.isRecord() || Map.class.isAssignableFrom(type)) {
			return "an object";
		}
		// instants, durations, URIs, UUIDs, enums: strings of a given form
		return "a string of the expected form";
	}

}
