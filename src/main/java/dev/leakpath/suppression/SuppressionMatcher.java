package dev.leakpath.suppression;

import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.sql.SqlConditions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The open alerts a rule matches, a batch at a time by id: repositories, types and validities in SQL (the
 * repository globs as regular expressions PostgreSQL reads as Java does), the path globs over each alert's
 * locations here.
 */
@Component
class SuppressionMatcher {

	static final int BATCH = 1000;

	private static final String CANDIDATES = """
			select a.id, r.full_name, a.provider_alert_id, a.secret_type,
			       coalesce(array_agg(l.path) filter (where l.path is not null), '{}') as paths
			from alert a
			join repository r on r.id = a.repository_id
			left join alert_location l on l.alert_id = a.id
			where a.state = 'open' and a.id > :after
			""";

	/**
	 * An alert the rule already dismissed, or is dismissing, since it last changed: a dismissal applied stays
	 * until the next poll confirms it, and one that failed is not tried again until the alert changes (reopened
	 * or rescanned).
	 */
	private static final String NOT_HANDLED = """
			not exists (select 1 from triage_item i join triage_command c on c.id = i.command_id
			            where i.alert_id = a.id and c.source = :source
			              and (i.status = 'pending' or i.finished_at >= a.last_changed_at))""";

	private final DatabaseClient db;

	SuppressionMatcher(DatabaseClient db) {
		this.db = db;
	}

	/** A matching alert, with the path that matched (the first of its paths, when the rule names none). */
	record Match(long alertId, String repository, String providerAlertId, String secretType, String path) {
	}

	/** Every open alert the rule matches, in id order. */
	Flux<Match> all(CompiledRule rule) {
		return batches(rule, false);
	}

	/** The open alerts the rule matches and has not dismissed since they last changed. */
	Flux<Match> unhandled(CompiledRule rule) {
		return batches(rule, true);
	}

	private Flux<Match> batches(CompiledRule rule, boolean unhandledOnly) {
		return batch(rule, unhandledOnly, 0L)
			.expand(batch -> batch.lastId() == null ? Mono.empty() : batch(rule, unhandledOnly, batch.lastId()))
			.concatMapIterable(Batch::matches);
	}

	private Mono<Batch> batch(CompiledRule rule, boolean unhandledOnly, long after) {
		SqlConditions where = SqlConditions.of()
			.anyOf("a.secret_type", "types", empty(rule.rule().secretTypes()))
			.anyOf("a.validity", "validities", empty(rule.rule().validities()));
		if (!rule.repositories().isEmpty()) {
			where.when(rule.repositories().stream().map(Glob::regex).toArray(String[]::new), "repositories",
					"r.full_name ~ any(:repositories)");
		}
		if (unhandledOnly) {
			where.when(rule.source(), "source", NOT_HANDLED);
		}
		return where.bind(db.sql(CANDIDATES + where.and() + "group by a.id, r.full_name order by a.id limit :batch"))
			.bind("after", after)
			.bind("batch", BATCH)
			.map(row -> new Candidate(row.get("id", Long.class), row.get("full_name", String.class),
					row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
					Arrays.asList(row.get("paths", String[].class))))
			.all()
			.collectList()
			.map(candidates -> new Batch(candidates.size() < BATCH ? null : candidates.get(candidates.size() - 1).id(),
					candidates.stream().filter(candidate -> rule.pathsMatch(candidate.paths()))
						.map(candidate -> new Match(candidate.id(), candidate.repository(), candidate.providerAlertId(),
								candidate.secretType(), matchedPath(rule, candidate.paths())))
						.toList()));
	}

	private static String matchedPath(CompiledRule rule, List<String> paths) {
		return paths.stream()
			.filter(path -> rule.paths().isEmpty() || rule.paths().stream().anyMatch(glob -> glob.matches(path)))
			.findFirst()
			.orElse(null);
	}

	private static String[] empty(List<String> values) {
		return values.isEmpty() ? null : values.toArray(String[]::new);
	}

	private record Candidate(long id, String repository, String providerAlertId, String secretType, List<String> paths) {
	}

	/** @param lastId the last candidate's id when the batch was full, else null: the last batch */
	private record Batch(Long lastId, List<Match> matches) {
	}

}
