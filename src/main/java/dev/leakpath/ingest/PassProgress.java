package dev.leakpath.ingest;

import java.time.Instant;

/** Counts and the pending watermark of one pass, as its pages are stored one after another. */
final class PassProgress {

	private Instant pendingWatermark;

	private String etag;

	private SourcePage notModified;

	private int pages;

	private int alerts;

	private int errors;

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
	}

	void notModified(SourcePage page) {
		notModified = page;
	}

	Instant pendingWatermark() {
		return pendingWatermark;
	}

	String etag() {
		return etag;
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
