package dev.leakpath.secret;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Turns a raw secret into its stored identity: one {@code secret} row per distinct credential, shared by
 * every alert that shows it.
 */
public class SecretStore {

	private static final String UPSERT = """
			insert into secret (fingerprint, preview, secret_type)
			values (:fingerprint, :preview, :secretType)
			on conflict (fingerprint) do update set fingerprint = excluded.fingerprint
			returning id
			""";

	private final DatabaseClient db;

	private final SecretFingerprinter fingerprinter;

	SecretStore(DatabaseClient db, SecretFingerprinter fingerprinter) {
		this.db = db;
		this.fingerprinter = fingerprinter;
	}

	public Mono<Long> idOf(RawSecret secret, String secretType) {
		return db.sql(UPSERT)
			.bind("fingerprint", fingerprinter.fingerprint(secret))
			.bind("preview", fingerprinter.preview(secret))
			.bind("secretType", secretType)
			.map(row -> row.get("id", Long.class))
			.one();
	}

}
