package dev.leakpath.attackpath;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.leakpath.periodic.PeriodicLoop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * {@code leakpath_attack_paths_open{risk}}: open attack paths by risk level, counted once a minute (a scrape
 * never waits for the database).
 */
@Component
class AttackPathMetrics {

	private static final Logger log = LoggerFactory.getLogger(AttackPathMetrics.class);

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final DatabaseClient db;

	private final Map<String, AtomicLong> open = new LinkedHashMap<>();

	private volatile Disposable loop;

	AttackPathMetrics(DatabaseClient db, MeterRegistry meters) {
		this.db = db;
		for (String risk : List.of("critical", "high", "medium", "low")) {
			AtomicLong count = new AtomicLong();
			open.put(risk, count);
			Gauge.builder("leakpath_attack_paths_open", count, AtomicLong::get)
				.description("Open attack paths, counted once a minute")
				.tag("risk", risk)
				.register(meters);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		loop = PeriodicLoop.start(log, "Counting open attack paths", Duration.ZERO, REFRESH, this::refresh);
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable running = loop;
		if (running != null) {
			running.dispose();
		}
	}

	Mono<Void> refresh() {
		return db.sql("select risk_level, count(*) as paths from attack_path where status = 'open' group by risk_level")
			.map(row -> Map.entry(row.get("risk_level", String.class), row.get("paths", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.doOnNext(counts -> open.forEach((risk, count) -> count.set(counts.getOrDefault(risk, 0L))))
			.then();
	}

}
