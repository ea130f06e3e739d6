package dev.leakpath.triage;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * A triage command as the API shows it, counted over the items the caller may see.
 *
 * @param status {@code pending} while an item is, else {@code done}
 * @param alerts its items the caller sees
 * @param counts those items by status
 * @param notes what applied items have to say, with how many say it (nothing was written as the alert already
 * was so; leakpath keeps the assignee of a provider without assignees)
 */
public record TriageCommandView(long id, String action, @Nullable String resolution, @Nullable String comment,
		@Nullable String assignee, String requestedBy, Instant requestedAt, String source, String status, long alerts,
		Counts counts, List<Note> notes) {

	TriageCommandView withNotes(List<Note> found) {
		return new TriageCommandView(id, action, resolution, comment, assignee, requestedBy, requestedAt, source, status,
				alerts, counts, List.copyOf(found));
	}

	public record Counts(long pending, long applied, long failed, long conflict) {
	}

	public record Note(String note, long alerts) {
	}

}
