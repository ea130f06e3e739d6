package dev.leakpath.openapi;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Where two JSON documents differ, as JSON Pointers: a short failure message where the documents are long. */
final class JsonDifferences {

	private JsonDifferences() {
	}

	/** The first 20 places at which {@code actual} is not {@code expected}. */
	static List<String> between(JsonNode expected, JsonNode actual) {
		List<String> found = new ArrayList<>();
		differences(expected, actual, "", found);
		return found;
	}

	private static void differences(JsonNode expected, JsonNode actual, String at, List<String> found) {
		if (found.size() >= 20 || expected.equals(actual)) {
			return;
		}
		// 370 read into an int or a long is the same number
		if (expected.isNumber() && actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0) {
			return;
		}
		// and ...08.543640Z, written back as ...08.54364Z, the same time
		if (expected.isTextual() && actual.isTextual() && sameTime(expected.asText(), actual.asText())) {
			return;
		}
		if (!expected.isContainerNode() || expected.getNodeType() != actual.getNodeType()
				|| (expected.isArray() && expected.size() != actual.size())) {
			found.add((at.isEmpty() ? "/" : at) + ": " + abbreviated(expected) + " but " + abbreviated(actual));
			return;
		}
		Set<String> names = new TreeSet<>();
		expected.fieldNames().forEachRemaining(names::add);
		actual.fieldNames().forEachRemaining(names::add);
		if (expected.isArray()) {
			for (int index = 0; index < expected.size(); index++) {
				differences(expected.get(index), actual.get(index), at + "/" + index, found);
			}
		}
		for (String name : names) {
			JsonNode left = expected.path(name);
			JsonNode right = actual.path(name);
			String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
			if (left.isMissingNode() || right.isMissingNode()) {
				found.add(pointer + (left.isMissingNode() ? " (added)" : " (removed)"));
			}
			else {
				differences(left, right, pointer, found);
			}
		}
	}

	private static boolean sameTime(String expected, String actual) {
		try {
			return OffsetDateTime.parse(expected).toInstant().equals(OffsetDateTime.parse(actual).toInstant());
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static String abbreviated(JsonNode node) {
		String text = node.toString();
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}

}
