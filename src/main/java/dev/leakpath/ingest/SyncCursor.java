package dev.leakpath.ingest;

import java.time.Instant;

/**
 * Where polling of one listing of a scope stands. {@code watermark} and {@code etag} describe the last completed
 * pass; {@code resumePoint} is set while a pass is unfinished.
 */
public record SyncCursor(Instant watermark, String etag, String resumePoint) {

	public boolean resuming() {
		return resumePoint != null;
	}

}
