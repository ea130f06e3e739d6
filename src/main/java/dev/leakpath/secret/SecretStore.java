package dev.leakpath.secret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Turns raw secrets into their stored identity: one {@code secret} row per distinct credential, shared by
 * every alert that shows it. The raw values go no further than this class.
 */
@Component
public class SecretStore {

	private static final String UPSERT = """
			insert into secret (fingerprint, preview, secret_type)
			select * from unnest(cast(:fingerprint as text[]), cast(:preview as text[]), cast(:secretType as text[]))
			on conflict (fingerprint) do update set fingerprint = excluded.fingerprint
			returning id, fingerprint
			""";

	private final DatabaseClient db;

	private final SecretFingerprinter fingerprinter;

	SecretStore(DatabaseClient db, SecretFingerprinter fingerprinter) {
		this.db = db;
		this.fingerprinter = fingerprinter;
	}

	/**
	 * The secret ids of the given occurrences, in their order; null where an occurrence has no value.
	 */
	public Mono<List<Long>> idsOf(List<Occurrence> occurrences) {
		List<String> fingerprints = new ArrayList<>();
		// sorted, so that concurrent passes lock shared rows in the same order and cannot deadlock
		Map<String, Occurrence> distinct = new TreeMap<>();
		for (Occurrence occurrence : occurrences) {
			String fingerprint = occurrence.hasValue() ? fingerprinter.fingerprint(occurrence.secret()) : null;
			fingerprints.add(fingerprint);
			if (fingerprint != null) {
				distinct.putIfAbsent(fingerprint, occurrence);
			}
		}
		if (distinct.isEmpty()) {
			return Mono.just(fingerprints.stream().map(none -> (Long) null).toList());
		}
		return db.sql(UPSERT)
			.bind("fingerprint", distinct.keySet().toArray(String[]::new))
			.bind("preview", distinct.values().stream().map(o -> fingerprinter.preview(o.secret())).toArray(String[]::new))
			.bind("secretType", distinct.values().stream().map(Occurrence::secretType).toArray(String[]::new))
			.map(row -> Map.entry(row.get("fingerprint", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
			.map(ids -> fingerprints.stream().map(fingerprint -> fingerprint == null ? null : ids.get(fingerprint)).toList());
	}

	/** A secret as one alert showed it; {@code secret} may be null when the provider withheld it. */
	public record Occurrence(RawSecret secret, String secretType) {

		boolean hasValue() {
			return secret != null && !secret.isEmpty();
		}

	}

}
