package dev.leakpath.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.leakpath.bench.WebhookDeliveries.Delivery;
import dev.leakpath.testsupport.TestPostgres;

/**
 * The webhook benchmark's load, run in a JVM of its own ({@link ChildJvm}): in the server's JVM the client shared
 * its heap, collector and threads, and saturated first. Arguments are {@code key=value}; {@code mode} is
 * <ul>
 * <li>{@code send}: {@code concurrency} senders, each posting one delivery after another for {@code seconds}, from
 * the {@code count} deliveries after the {@code warmup} ones sent unmeasured from {@code first} on (all signed
 * before the clock starts);</li>
 * <li>{@code rate}: one delivery every {@code 1/rate} s for {@code seconds}, latency counted from when each was
 * due, so that a slow client cannot hide queueing; after {@code warmup} unmeasured deliveries too;</li>
 * <li>{@code insert}: {@code concurrency} JDBC clients inserting {@code count} inbox rows, one autocommit statement
 * each, into {@code table}: what PostgreSQL itself takes at that concurrency.</li>
 * </ul>
 * Prints one line, {@link LoadResult#line()}.
 */
public final class WebhookLoadClient {

	private static final int WARM_UP_SENDERS = 32;

	private WebhookLoadClient() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		LoadResult result = switch (options.get("mode")) {
			case "send" -> send(options);
			case "rate" -> rate(options);
			case "insert" -> insert(options);
			default -> throw new IllegalArgumentException("mode=send|rate|insert");
		};
		System.out.println(result.line());
		System.exit(0);
	}

	private static LoadResult send(Map<String, String> options) throws InterruptedException {
		URI endpoint = URI.create(options.get("endpoint"));
		int concurrency = Integer.parseInt(options.get("concurrency"));
		HttpClient http = client(Math.max(concurrency, WARM_UP_SENDERS));
		List<Delivery> deliveries = warmedUp(http, endpoint, options, Integer.parseInt(options.get("count")));
		long[] latencies = new long[deliveries.size()];
		AtomicLong failed = new AtomicLong();
		long started = System.nanoTime();
		long deadline = started + Duration.ofSeconds(Long.parseLong(options.get("seconds"))).toNanos();
		closedLoop(http, endpoint, deliveries, concurrency, deadline, latencies, failed);
		return LoadResult.of(latencies, failed.get(), System.nanoTime() - started, averageSize(deliveries));
	}

	/**
	 * Sends {@code warmup} deliveries unmeasured (this JVM's code is compiled and the server's connections open
	 * by then), and returns the {@code count} after them, all signed before any clock starts.
	 */
	private static List<Delivery> warmedUp(HttpClient http, URI endpoint, Map<String, String> options, int count)
			throws InterruptedException {
		int warmUp = Integer.parseInt(options.getOrDefault("warmup", "0"));
		List<Delivery> all = new WebhookDeliveries().range(Integer.parseInt(options.get("first")), warmUp + count);
		closedLoop(http, endpoint, all.subList(0, warmUp), WARM_UP_SENDERS, Long.MAX_VALUE, new long[warmUp],
				new AtomicLong());
		return all.subList(warmUp, all.size());
	}

	/** {@code senders} posting one delivery after another until none is left or the deadline passed. */
	private static void closedLoop(HttpClient http, URI endpoint, List<Delivery> deliveries, int senders,
			long deadline, long[] latencies, AtomicLong failed) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		for (int sender = 0; sender < senders; sender++) {
			pool.execute(() -> {
				for (int index = next.getAndIncrement(); index < deliveries.size() && System.nanoTime() < deadline;
						index = next.getAndIncrement()) {
					long sent = System.nanoTime();
					int status = post(http, endpoint, deliveries.get(index)).join();
					latencies[index] = System.nanoTime() - sent;
					if (status != 202) {
						failed.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("senders still running after 5 minutes");
		}
	}

	private static LoadResult rate(Map<String, String> options) throws InterruptedException {
		URI endpoint = URI.create(options.get("endpoint"));
		int rate = Integer.parseInt(options.get("rate"));
		int total = rate * Integer.parseInt(options.get("seconds"));
		HttpClient http = client(64);
		List<Delivery> deliveries = warmedUp(http, endpoint, options, total);
		long[] latencies = new long[total];
		AtomicLong failed = new AtomicLong();
		CompletableFuture<?>[] sent = new CompletableFuture<?>[total];
		long period = 1_000_000_000L / rate;
		long started = System.nanoTime();
		for (int index = 0; index < total; index++) {
			long due = started + index * period;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int slot = index;
			sent[slot] = post(http, endpoint, deliveries.get(slot)).thenAccept(status -> {
				latencies[slot] = System.nanoTime() - due;
				if (status != 202) {
					failed.incrementAndGet();
				}
			});
		}
		CompletableFuture.allOf(sent).join();
		return LoadResult.of(latencies, failed.get(), System.nanoTime() - started, averageSize(deliveries));
	}

	private static LoadResult insert(Map<String, String> options) throws Exception {
		int concurrency = Integer.parseInt(options.get("concurrency"));
		int rows = Integer.parseInt(options.get("count"));
		// the row intake stores for a delivery: the same columns, a repository hint of the same shape
		String sql = "insert into " + options.get("table") + " (provider, delivery_id, event, action, scope, "
				+ "repository, alert_id, repository_hint) values ('github', ?, 'secret_scanning_alert', 'created', "
				+ "'bench-org', ?, ?, cast(? as jsonb)) on conflict (provider, delivery_id) do nothing";
		long[] latencies = new long[rows];
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long started = System.nanoTime();
		CompletableFuture<?>[] clients = new CompletableFuture<?>[concurrency];
		for (int client = 0; client < concurrency; client++) {
			clients[client] = CompletableFuture.runAsync(() -> {
				try (Connection connection = TestPostgres.open(options.get("url"), options.get("user"),
						options.get("password")); PreparedStatement insert = connection.prepareStatement(sql)) {
					for (int row = next.getAndIncrement(); row < rows; row = next.getAndIncrement()) {
						String repository = "bench-org/service-" + row % WebhookDeliveries.REPOSITORIES;
						insert.setString(1, "insert-" + row);
						insert.setString(2, repository);
						insert.setString(3, String.valueOf(row / WebhookDeliveries.REPOSITORIES + 1));
						insert.setString(4, "{\"organization\":\"bench-org\",\"name\":\"service-" + row % 20
								+ "\",\"fullName\":\"" + repository + "\",\"providerRepoId\":\"" + (60_000 + row % 20)
								+ "\",\"visibility\":\"private\",\"defaultBranch\":\"main\",\"url\":\"https://github.com/"
								+ repository + "\"}");
						long sent = System.nanoTime();
						insert.executeUpdate();
						latencies[row] = System.nanoTime() - sent;
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, pool);
		}
		CompletableFuture.allOf(clients).join();
		long elapsed = System.nanoTime() - started;
		pool.shutdown();
		return LoadResult.of(latencies, 0, elapsed, 0);
	}

	/**
	 * Reactor Netty over a bounded pool of kept-alive connections, as a webhook sender keeps them; requests beyond
	 * it wait for a free one. The JDK's client opened a connection for every request in flight at a fixed rate, and
	 * spent the shared cores on that.
	 */
	private static HttpClient client(int connections) {
		return HttpClient.create(ConnectionProvider.builder("webhook-load")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(5))
			.build());
	}

	/** Completes with the response status. */
	private static CompletableFuture<Integer> post(HttpClient http, URI endpoint, Delivery delivery) {
		return http.headers(headers -> headers.set("Content-Type", "application/json")
			.set("X-GitHub-Event", "secret_scanning_alert")
			.set("X-GitHub-Delivery", delivery.id())
			.set("X-Hub-Signature-256", delivery.signature()))
			.post()
			.uri(endpoint)
			.send(ByteBufFlux.fromInbound(Mono.just(delivery.body())))
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
			.toFuture();
	}

	private static long averageSize(List<Delivery> deliveries) {
		return (long) deliveries.stream().mapToInt(delivery -> delivery.body().length).average().orElse(0);
	}

}
