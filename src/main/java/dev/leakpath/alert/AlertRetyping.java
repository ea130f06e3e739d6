package dev.leakpath.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.secrettype.SecretTypeCatalogue;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Re-types stored alerts (and their secrets) whose provider type this version's catalogue maps to another id:
 * a type that was unmapped, and so kept the provider's word, joins its catalogue type after an upgrade. Runs
 * once after start-up, in the background.
 */
@Component
class AlertRetyping {

	private static final Logger log = LoggerFactory.getLogger(AlertRetyping.class);

	private static final String STORED_TYPES = """
			select distinct provider, provider_secret_type, rule_id, secret_type, secret_type_display_name from alert
			""";

	private static final String RETYPE_SECRETS = """
			update secret s set secret_type = a.secret_type
			from alert a where a.secret_id = s.id and s.secret_type <> a.secret_type
			""";

	private final DatabaseClient db;

	private final SecretTypeCatalogue catalogue;

	private final AlertStore alerts;

	AlertRetyping(DatabaseClient db, SecretTypeCatalogue catalogue, AlertStore alerts) {
		this.db = db;
		this.catalogue = catalogue;
		this.alerts = alerts;
	}

	@EventListener(ApplicationReadyEvent.class)
	void retypeInBackground() {
		retype().subscribe(changed -> {
			if (changed > 0) {
				log.info("Secret-type catalogue: {} stored alerts and secrets re-typed", changed);
			}
		}, ex -> log.warn("Secret-type catalogue: re-typing stored alerts failed: {}", ex.getMessage()));
	}

	/** How many alert and secret rows changed. */
	Mono<Long> retype() {
		return db.sql(STORED_TYPES)
			.map(row -> new Stored(row.get("provider", String.class), row.get("provider_secret_type", String.class),
					row.get("rule_id", String.class), row.get("secret_type", String.class),
					row.get("secret_type_display_name", String.class)))
			.all()
			.map(stored -> new Retype(stored, catalogue
				.classify(stored.provider(), stored.providerType(), stored.ruleId(), stored.displayName())
				.id()))
			.filter(retype -> !retype.id().equals(retype.stored().type()))
			.concatMap(retype -> alerts.retype(retype.stored().provider(), retype.stored().providerType(),
					retype.stored().ruleId(), retype.id()))
			.reduce(0L, Long::sum)
			.flatMap(changed -> changed == 0 ? Mono.just(0L)
					: db.sql(RETYPE_SECRETS).fetch().rowsUpdated().map(secrets -> changed + secrets));
	}

	private record Stored(String provider, String providerType, String ruleId, String type, String displayName) {
	}

	private record Retype(Stored stored, String id) {
	}

}
