package dev.leakpath.ingest;

import java.time.Instant;
import java.util.Objects;

/** Counts and the pending watermark of one pass, as its pages are stored one after another. */
final class PassProgress {

	private Instant pendingWatermark;

	private String etag;

	private SourcePage notModified;

	private int pages;

	private int alerts;

	private int errors;

	private Instant oldestFailure;

	PassProgress(Instant pendingWatermark) {
		this.pendingWatermark = pendingWatermark;
	}

	void add(SourcePage page, boolean firstOfFreshPass) {
		if (firstOfFreshPass) {
			etag = page.etag();
		}
		// the first candidate of a pass wins, even across a resume: a connector's later candidates are
		// never safer (GitHub's pages get older; Azure DevOps's pass start moves forward on resume)
		if (pendingWatermark == null) {
			pendingWatermark = page.watermark();
		}
		pages++;
		alerts += page.alerts().size();
		errors += page.errors().size();
		page.errors().stream().map(SourceError::changedAt).filter(Objects::nonNull).forEach(changed -> {
			if (oldestFailure == null || changed.isBefore(oldestFailure)) {
				oldestFailure = changed;
			}
		});
	}

	void notModified(SourcePage page) {
		notModified = page;
	}

	Instant pendingWatermark() {
		return pendingWatermark;
	}

	/** Where the watermark may move: not past an alert that failed, so the next pass reads it again. */
	Instant completedWatermark() {
		if (oldestFailure == null || pendingWatermark == null || pendingWatermark.isBefore(oldestFailure)) {
			return pendingWatermark;
		}
		return oldestFailure.minusSeconds(1);
	}

	/** The ETag to keep: none after errors, so the next poll reads the first page again instead of a 304. */
	String completedEtag() {
		return errors == 0 ? etag : null;
	}

	SourcePage notModifiedPage() {
		return notModified;
	}

	int pages() {
		return pages;
	}

	int alerts() {
		return alerts;
	}

	int errors() {
		return errors;
	}

}
