package dev.leakpath.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the demo's dates relative to the day it is served. The generator draws every date before {@link #ANCHOR};
 * the stubs print each one as WireMock's {@code response-template} expression for the same distance before the
 * start of today (UTC). So the overview's trend always ends today, while every answer of one day stays
 * byte-identical: a re-poll finds nothing new past its watermark, and an ETag still means the same body. Only the
 * first poll after midnight sees the newest alerts one day later and stores them again.
 */
final class DemoDates {

	/** The day the generated dates count back from: it stands for today. */
	static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");

	// GitHub's 2026-10-30T12:34:56Z, and Azure DevOps's .NET ticks 2026-10-30T12:34:56.5844538Z
	private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,7})?Z");
	private static final String TODAY = "(truncateDate (now) 'first hour of day')";

	private DemoDates() {
	}

	/** Replaces, in place, every text value of {@code json} that is a whole UTC date by its template. */
	static <T extends JsonNode> T relativeToToday(T json) {
		if (json instanceof ObjectNode object) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (field.getValue().isTextual()) {
					object.put(field.getKey(), template(field.getValue().asText()));
				} else {
					relativeToToday(field.getValue());
				}
			}
		} else if (json instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				if (array.get(i).isTextual()) {
					array.set(i, array.textNode(template(array.get(i).asText())));
				} else {
					relativeToToday(array.get(i));
				}
			}
		}
		return json;
	}

	/**
	 * The template for one date, or the text itself when it is no date. Date and time are two expressions because
	 * a format with a quoted {@code 'T'} cannot be written inside the helper's single-quoted argument; the
	 * fraction of a second is kept as it was drawn.
	 */
	static String template(String text) {
		Matcher date = DATE.matcher(text);
		if (!date.matches()) {
			return text;
		}
		Instant instant = Instant.parse(date.group(1) + "Z");
		if (instant.isAfter(ANCHOR)) {
			throw new IllegalArgumentException("a demo date must not be after " + ANCHOR + ": " + text);
		}
		long before = Duration.between(instant, ANCHOR).toSeconds();
		String fraction = date.group(2) == null ? "" : date.group(2);
		return expression(before, "yyyy-MM-dd") + "T" + expression(before, "HH:mm:ss") + fraction + "Z";
	}

	private static String expression(long secondsBefore, String format) {
		return "{{date " + TODAY + " offset='-" + secondsBefore + " seconds' format='" + format + "'}}";
	}
}
