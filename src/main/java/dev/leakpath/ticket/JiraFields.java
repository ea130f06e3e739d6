package dev.leakpath.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Jira rule's extra fields with their placeholders ({@code {repository}} …) filled in, however deep. */
final class JiraFields {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

	private JiraFields() {
	}

	static Object fill(Object value, Map<String, String> values) {
		if (value instanceof Map<?, ?> map) {
			// Spring binds a YAML list under a Map<String, Object> as a map keyed 0, 1, …: Jira wants the list
			if (!map.isEmpty() && map.keySet().stream().allMatch(key -> String.valueOf(key).matches("\\d+"))) {
				List<Object> list = new ArrayList<>();
				map.entrySet().stream()
					.sorted((a, b) -> Integer.compare(Integer.parseInt(String.valueOf(a.getKey())),
							Integer.parseInt(String.valueOf(b.getKey()))))
					.forEach(entry -> list.add(fill(entry.getValue(), values)));
				return list;
			}
			Map<String, Object> filled = new LinkedHashMap<>();
			map.forEach((key, nested) -> filled.put(String.valueOf(key), fill(nested, values)));
			return filled;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(nested -> fill(nested, values)).toList();
		}
		if (value instanceof String text) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			StringBuilder filled = new StringBuilder();
			while (matcher.find()) {
				String replacement = values.get(matcher.group(1));
				matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
			}
			matcher.appendTail(filled);
			return filled.toString();
		}
		return value;
	}

}
