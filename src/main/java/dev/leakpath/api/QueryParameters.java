package dev.leakpath.api;

import java.util.Set;
import java.util.TreeSet;

import dev.leakpath.sql.ListOrder;

import org.springframework.util.MultiValueMap;

/**
 * Reads and checks a listing's query parameters; anything unknown, out of range or holding a NUL is a 400,
 * raised while the controller builds its answer, so before any byte of it (an export's included) is sent.
 */
final class QueryParameters {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 500;

	private final MultiValueMap<String, String> values;

	QueryParameters(MultiValueMap<String, String> values, Set<String> allowed) {
		this.values = values;
		Set<String> unknown = new TreeSet<>(values.keySet());
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			throw ApiProblemException.badRequest("unknown parameter(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
		}
		values.forEach((name, list) -> {
			if (list.size() > 1) {
				throw ApiProblemException.badRequest("parameter '" + name + "' is given more than once");
			}
			// PostgreSQL refuses 0x00 in text: every value is checked here, whatever the filter does with it
			if (list.stream().anyMatch(value -> value != null && value.indexOf('\0') >= 0)) {
				throw ApiProblemException.badRequest("parameter '" + name + "' must not contain a NUL character");
			}
		});
	}

	String text(String name) {
		String value = values.getFirst(name);
		if (value == null) {
			return null;
		}
		if (value.isBlank() || value.length() > 500) {
			throw ApiProblemException.badRequest("parameter '" + name + "' must be 1 to 500 characters");
		}
		return value;
	}

	String oneOf(String name, Set<String> allowed) {
		String value = text(name);
		if (value != null && !allowed.contains(value)) {
			throw ApiProblemException.badRequest("parameter '" + name + "' must be one of " + new TreeSet<>(allowed));
		}
		return value;
	}

	/** {@code true} or {@code false}, or null when absent. */
	Boolean flag(String name) {
		String value = oneOf(name, Set.of("true", "false"));
		return value == null ? null : Boolean.valueOf(value);
	}

	int limit() {
		return number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
	}

	/** A whole number from {@code min} to {@code max}, or {@code otherwise} when absent. */
	int number(String name, int otherwise, int min, int max) {
		String value = values.getFirst(name);
		if (value == null) {
			return otherwise;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw ApiProblemException.badRequest(name + " must be a whole number from " + min + " to " + max);
	}

	Long cursor() {
		return PageCursor.decode(values.getFirst("cursor"));
	}

	/** {@code sort}: {@code newest} (the default) or {@code risk}, with the page's {@code cursor}. */
	ListOrder order() {
		return "risk".equals(oneOf("sort", Set.of("newest", "risk")))
				? ListOrder.risk(PageCursor.decodeRanked(values.getFirst("cursor"))) : ListOrder.newest(cursor());
	}

}
