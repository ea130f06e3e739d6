package dev.leakpath.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.ProviderAlertState;

class ProviderStatesTests {

	private static final Instant RESOLVED = Instant.parse("2026-11-20T08:00:00.1234567Z");

	private final ProviderStates states = new ProviderStates(new ObjectMapper());

	@Test
	void changesWhenOnlyTheUpdateTimeMovedThenNone() {
		ProviderAlertState read = new ProviderAlertState("open", null, "octocat", null, Instant.parse("2026-11-01T00:00:00Z"));
		ProviderAlertState now = new ProviderAlertState("open", null, "octocat", null, Instant.parse("2026-11-30T00:00:00Z"));

		assertThat(states.changes(read, now, true)).isEmpty();
	}

	@Test
	void changesWhenResolvedAgainBySomeoneElseThenTheResolutionTimeCounts() {
		ProviderAlertState read = new ProviderAlertState("dismissed", "falsePositive", null, RESOLVED, null);
		ProviderAlertState now = new ProviderAlertState("Dismissed", "falsePositive", null, RESOLVED.plusSeconds(60), null);

		assertThat(states.changes(read, now, false)).containsExactly(
				"resolved at 2026-11-20T08:00:00.123456700Z → 2026-11-20T08:01:00.123456700Z");
	}

	@Test
	void changesWhenStoredTimesLostTheLastFractionalDigitThenTheSame() {
		// PostgreSQL keeps microseconds; Azure DevOps writes seven fractional digits
		ProviderAlertState read = new ProviderAlertState("dismissed", "fixed", null, Instant.parse("2026-11-20T08:00:00.123457Z"), null);
		ProviderAlertState now = new ProviderAlertState("dismissed", "fixed", null, RESOLVED, null);

		assertThat(states.changes(read, now, false)).isEmpty();
	}

	@Test
	void changesWhenTheAssigneeChangedThenCountedOnlyWhereTheProviderKeepsAssignees() {
		ProviderAlertState read = new ProviderAlertState("open", null, null, null, null);
		ProviderAlertState now = new ProviderAlertState("open", null, "monalisa", null, null);

		assertThat(states.changes(read, now, true)).containsExactly("assignee 'null' → 'monalisa'");
		assertThat(states.changes(read, now, false)).isEmpty();
	}

	@Test
	void jsonWhenReadBackThenTheSameState() {
		ProviderAlertState state = new ProviderAlertState("resolved", "revoked", "octocat", RESOLVED, RESOLVED);

		assertThat(states.read(states.json(state))).isEqualTo(state);
	}

}
