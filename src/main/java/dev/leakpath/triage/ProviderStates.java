package dev.leakpath.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakpath.ingest.ProviderAlertState;

import org.springframework.stereotype.Component;

/**
 * A provider's alert state as stored with a triage item ({@code read_state}, {@code answer}), and what changed
 * between two of them. A conflict is a change of what a person triaging changes: the state, the resolution, when
 * it was resolved (resolved again by someone else), the assignee. The provider's update time is not compared: it
 * moves with every rescan (Azure DevOps's {@code lastSeenDate}), location and validity check, and comparing it
 * would call nearly every alert of a bulk triage a conflict.
 */
@Component
class ProviderStates {

	/** Stored times have microseconds; Azure DevOps writes up to seven fractional digits. */
	private static final Duration SAME_TIME = Duration.ofMillis(1);

	private final ObjectMapper mapper;

	ProviderStates(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String json(ProviderAlertState state) {
		ObjectNode json = mapper.createObjectNode()
			.put("state", state.state())
			.put("resolution", state.resolution())
			.put("assignee", state.assignee())
			.put("resolvedAt", state.resolvedAt() == null ? null : state.resolvedAt().toString())
			.put("updatedAt", state.updatedAt() == null ? null : state.updatedAt().toString());
		return json.toString();
	}

	ProviderAlertState read(String json) {
		try {
			JsonNode node = mapper.readTree(json);
			return new ProviderAlertState(text(node, "state"), text(node, "resolution"), text(node, "assignee"),
					instant(node, "resolvedAt"), instant(node, "updatedAt"));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a stored provider state is not JSON", ex);
		}
	}

	/**
	 * What differs from {@code read} in {@code now}, as {@code field 'old' → 'new'}; empty when nothing a triage
	 * compares changed.
	 *
	 * @param assignees whether the provider keeps assignees (else leakpath keeps them, and they are not compared)
	 */
	List<String> changes(ProviderAlertState read, ProviderAlertState now, boolean assignees) {
		List<String> changes = new ArrayList<>();
		compare(changes, "state", read.state(), now.state());
		compare(changes, "resolution", read.resolution(), now.resolution());
		if (assignees) {
			compare(changes, "assignee", read.assignee(), now.assignee());
		}
		if (!sameTime(read.resolvedAt(), now.resolvedAt())) {
			changes.add("resolved at " + read.resolvedAt() + " → " + now.resolvedAt());
		}
		return changes;
	}

	private static void compare(List<String> changes, String field, String read, String now) {
		boolean same = read == null ? now == null : read.equalsIgnoreCase(Objects.toString(now, null));
		if (!same) {
			changes.add(field + " '" + read + "' → '" + now + "'");
		}
	}

	private static boolean sameTime(Instant read, Instant now) {
		return read == null ? now == null : now != null && Duration.between(read, now).abs().compareTo(SAME_TIME) < 0;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asText();
	}

	private static Instant instant(JsonNode node, String field) {
		String value = text(node, field);
		return value == null ? null : Instant.parse(value);
	}

}
