package dev.leakpath.periodic;

import org.slf4j.Logger;

/**
 * Logs a run of failed rounds once: the first failure as a warning, the ones after it at debug (a database
 * outage would otherwise log every second), and the first success after them.
 */
final class RoundFailures {

	private final Logger log;

	private final String what;

	/** Failed rounds since the last success; rounds never overlap, but they may run on different threads. */
	private volatile int failed;

	RoundFailures(Logger log, String what) {
		this.log = log;
		this.what = what;
	}

	void failed(Throwable ex) {
		if (failed++ == 0) {
			log.warn("{} failed, trying again at every tick: {}", what, ex.getMessage());
		}
		else {
			log.debug("{} failed again ({} rounds in a row): {}", what, failed, ex.getMessage());
		}
	}

	void succeeded() {
		if (failed > 0) {
			log.info("{} works again after {} failed round(s)", what, failed);
			failed = 0;
		}
	}

}
