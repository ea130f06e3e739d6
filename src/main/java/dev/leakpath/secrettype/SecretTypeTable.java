package dev.leakpath.secrettype;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes the catalogue to {@code secret_type_catalogue}, which SQL reads for a type's category, before the
 * application serves anything.
 */
@Component
class SecretTypeTable implements SmartInitializingSingleton {

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

}
