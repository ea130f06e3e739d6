package dev.leakpath.bench;

import java.util.Arrays;

/**
 * What a {@link WebhookLoadClient} run measured, as the one line it prints and its parent reads back: requests
 * completed, of which not answered as hoped, elapsed time, latency percentiles and the average body size.
 */
record LoadResult(long completed, long failed, long elapsedNanos, double p50, double p95, double p99, long bodyBytes) {

	private static final String PREFIX = "LOAD-RESULT ";

	/** @param latencies nanoseconds per request, 0 for one never sent (the run ended first) */
	static LoadResult of(long[] latencies, long failed, long elapsedNanos, long bodyBytes) {
		long[] sorted = Arrays.stream(latencies).filter(latency -> latency > 0).sorted().toArray();
		return new LoadResult(sorted.length, failed, elapsedNanos, percentile(sorted, 50), percentile(sorted, 95),
				percentile(sorted, 99), bodyBytes);
	}

	static LoadResult parse(String line) {
		String[] fields = line.substring(PREFIX.length()).split(" ");
		return new LoadResult(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
				Double.parseDouble(fields[3]), Double.parseDouble(fields[4]), Double.parseDouble(fields[5]),
				Long.parseLong(fields[6]));
	}

	static boolean isResult(String line) {
		return line.startsWith(PREFIX);
	}

	String line() {
		return PREFIX + completed + " " + failed + " " + elapsedNanos + " " + p50 + " " + p95 + " " + p99 + " "
				+ bodyBytes;
	}

	double perSecond() {
		return completed * 1e9 / elapsedNanos;
	}

	String latencies() {
		return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", p50, p95, p99);
	}

	private static double percentile(long[] sorted, int percent) {
		return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
	}

}
