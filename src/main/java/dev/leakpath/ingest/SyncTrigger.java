package dev.leakpath.ingest;

import java.util.UUID;

/** The answer to a request to sync: the run that is doing it, and whether it was already under way. */
public record SyncTrigger(UUID runId, boolean alreadyRunning) {
}
