package dev.leakpath.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Times reads of a running leakpath over HTTP, one after another, as a dashboard makes them: {@value #WARM_UPS}
 * unmeasured, then {@code samples} measured; prints p50/p95/max against a goal and remembers each miss.
 */
final class ApiTimer {

	private static final int WARM_UPS = 3;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final String token;

	private final List<String> misses = new ArrayList<>();

	ApiTimer(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** Times {@code GET path}; a 404 (an endpoint this version does not have) is noted and skipped. */
	void get(String path, int samples, Long goalMillis) {
		time("GET " + path, () -> send(HttpRequest.newBuilder(URI.create(base + path)).GET()), samples, goalMillis);
	}

	void post(String label, String path, String body, int samples, Long goalMillis) {
		time(label, () -> send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))), samples, goalMillis);
	}

	JsonNode read(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " " + response.body());
		}
		return json(response.body());
	}

	List<String> misses() {
		return misses;
	}

	private void time(String label, Request request, int samples, Long goalMillis) {
		HttpResponse<String> first = request.send();
		if (first.statusCode() == 404) {
			System.out.printf("  %-78s skipped: 404, no such endpoint in this version%n", label);
			return;
		}
		if (first.statusCode() != 200) {
			throw new IllegalStateException(label + " answered " + first.statusCode() + " " + first.body());
		}
		JsonNode items = json(first.body()).get("items");
		for (int warm = 1; warm < WARM_UPS; warm++) {
			request.send();
		}
		List<Long> times = new ArrayList<>();
		for (int sample = 0; sample < samples; sample++) {
			long started = System.nanoTime();
			HttpResponse<String> response = request.send();
			times.add(System.nanoTime() - started);
			if (response.statusCode() != 200) {
				throw new IllegalStateException(label + " answered " + response.statusCode());
			}
		}
		Collections.sort(times);
		double p50 = times.get(times.size() / 2) / 1e6;
		double p95 = times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6;
		String verdict = goalMillis == null ? "(no goal yet)" : p95 < goalMillis ? "ok (< " + goalMillis + " ms)"
				: "MISSES " + goalMillis + " ms";
		if (goalMillis != null && p95 >= goalMillis) {
			misses.add(label);
		}
		System.out.printf("  %-78s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  %s%s%n", label, p50, p95,
				times.get(times.size() - 1) / 1e6, items == null ? "" : items.size() + " items, ", verdict);
	}

	/** Reads a response as it streams in; returns its size and its number of line breaks. */
	long[] download(String path) {
		try {
			HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			long bytes = 0;
			long lines = 0;
			byte[] buffer = new byte[64 * 1024];
			try (InputStream body = response.body()) {
				for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
					bytes += read;
					for (int i = 0; i < read; i++) {
						lines += buffer[i] == '\n' ? 1 : 0;
					}
				}
			}
			return new long[] { bytes, lines };
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<String> send();

	}

}
