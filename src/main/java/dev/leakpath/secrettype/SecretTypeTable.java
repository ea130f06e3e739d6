package dev.leakpath.secrettype;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Keeps the database in step with the catalogue: writes it to {@code secret_type_catalogue} (which SQL reads for
 * a type's category) before the application serves anything, then re-types stored alerts and secrets whose
 * provider type a newer catalogue maps differently, in the background.
 */
@Component
class SecretTypeTable implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SecretTypeTable.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private static final String REPLACE = """
			with catalogue as (
			    select * from unnest(cast(:id as text[]), cast(:name as text[]), cast(:category as text[]),
			                         cast(:target as text[])) as c (id, name, category, target)
			), removed as (
			    delete from secret_type_catalogue t where not exists (select 1 from catalogue c where c.id = t.id)
			)
			insert into secret_type_catalogue (id, name, category, target)
			select id, name, category, target from catalogue
			on conflict (id) do update set name = excluded.name, category = excluded.category, target = excluded.target
			where (secret_type_catalogue.name, secret_type_catalogue.category, secret_type_catalogue.target)
			      is distinct from (excluded.name, excluded.category, excluded.target)
			""";

	private static final String STORED_TYPES = """
			select distinct provider, provider_secret_type, rule_id, secret_type, secret_type_display_name from alert
			""";

	private static final String RETYPE_ALERTS = """
			update alert set secret_type = :id
			where provider = :provider and provider_secret_type = :providerType and secret_type <> :id
			  and rule_id is not distinct from :ruleId
			""";

	private static final String RETYPE_SECRETS = """
			update secret s set secret_type = a.secret_type
			from alert a where a.secret_id = s.id and s.secret_type <> a.secret_type
			""";

	private final DatabaseClient db;

	private final SecretTypeCatalogue catalogue;

	SecretTypeTable(DatabaseClient db, SecretTypeCatalogue catalogue) {
		this.db = db;
		this.catalogue = catalogue;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// start-up, on the main thread: the table is small, and the explorer must not see it empty
		writeCatalogue().block(WRITE_TIMEOUT);
		retype().subscribe(changed -> {
			if (changed > 0) {
				log.info("Secret-type catalogue: {} stored alerts and secrets re-typed", changed);
			}
		}, ex -> log.warn("Secret-type catalogue: re-typing stored alerts failed: {}", ex.getMessage()));
	}

	Mono<Void> writeCatalogue() {
		List<SecretType> types = List.copyOf(catalogue.all());
		return db.sql(REPLACE)
			.bind("id", types.stream().map(SecretType::id).toArray(String[]::new))
			.bind("name", types.stream().map(SecretType::name).toArray(String[]::new))
			.bind("category", types.stream().map(SecretType::category).toArray(String[]::new))
			.bind("target", types.stream().map(SecretType::target).toArray(String[]::new))
			.then();
	}

	/** Re-types the stored alerts (and their secrets) that the catalogue now maps to another id. */
	Mono<Long> retype() {
		return db.sql(STORED_TYPES)
			.map(row -> new Stored(row.get("provider", String.class), row.get("provider_secret_type", String.class),
					row.get("rule_id", String.class), row.get("secret_type", String.class),
					row.get("secret_type_display_name", String.class)))
			.all()
			.filter(stored -> stored.providerType() != null)
			.filter(stored -> !stored.type().equals(catalogue
				.classify(stored.provider(), stored.providerType(), stored.ruleId(), stored.displayName())
				.id()))
			.concatMap(stored -> db.sql(RETYPE_ALERTS)
				.bind("id", catalogue.classify(stored.provider(), stored.providerType(), stored.ruleId(),
						stored.displayName()).id())
				.bind("provider", stored.provider())
				.bind("providerType", stored.providerType())
				.bind("ruleId", Parameter.fromOrEmpty(stored.ruleId(), String.class))
				.fetch()
				.rowsUpdated())
			.reduce(0L, Long::sum)
			.flatMap(alerts -> alerts == 0 ? Mono.just(0L)
					: db.sql(RETYPE_SECRETS).fetch().rowsUpdated().map(secrets -> alerts + secrets));
	}

	private record Stored(String provider, String providerType, String ruleId, String type, String displayName) {
	}

}
