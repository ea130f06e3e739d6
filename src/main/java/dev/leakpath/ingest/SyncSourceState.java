package dev.leakpath.ingest;

import java.time.Instant;

/** A scope's stored polling state at the start of a pass. */
record SyncSourceState(long id, SyncCursor cursor, Instant pendingWatermark) {
}
