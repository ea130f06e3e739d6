package dev.leakpath.owner;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Keeps each repository's owners, replacing them whole. */
@Component
public class OwnerStore {

	private final DatabaseClient db;

	OwnerStore(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Stores a repository's owners; to run in a transaction. {@code settled} records that they were worked out
	 * now; owners stored after the provider could not be asked are not settled, so they are worked out again at
	 * the next sight of the repository instead of after the TTL.
	 */
	public Mono<Void> replace(long repositoryId, ResolvedOwners resolved, boolean settled) {
		List<String> owners = resolved.owners();
		Mono<Void> delete = db.sql("delete from repository_owner where repository_id = :id").bind("id", repositoryId)
			.then()
			.then(settled ? db.sql("update repository set owners_resolved_at = now() where id = :id")
				.bind("id", repositoryId)
				.then() : Mono.empty());
		if (owners.isEmpty()) {
			return delete;
		}
		return delete.then(db.sql("""
				insert into repository_owner (repository_id, owner, source, position)
				select :id, owner, :source, position
				from unnest(cast(:owners as text[])) with ordinality as o(owner, position)
				on conflict (repository_id, owner) do nothing""")
			.bind("id", repositoryId)
			.bind("source", resolved.source())
			.bind("owners", owners.toArray(String[]::new))
			.then());
	}

}
