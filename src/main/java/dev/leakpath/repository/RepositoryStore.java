package dev.leakpath.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedRepository;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes code repositories, a batch per statement. What an alert says of its repository never overwrites
 * what was read from the repository itself (visibility, archived, default branch).
 */
@Component
public class RepositoryStore {

	/** A stored row merged with the incoming one: what the update writes, and what it compares with. */
	private static final String MERGED = """
			excluded.organization, coalesce(excluded.project, repository.project), excluded.name,
			coalesce(excluded.provider_repo_id, repository.provider_repo_id), coalesce(excluded.url, repository.url),
			case when excluded.metadata_fetched_at is not null then excluded.visibility
			     else coalesce(repository.visibility, excluded.visibility) end,
			case when excluded.metadata_fetched_at is not null then excluded.archived else repository.archived end,
			case when excluded.metadata_fetched_at is not null then excluded.default_branch
			     else repository.default_branch end,
			coalesce(excluded.metadata_fetched_at, repository.metadata_fetched_at)""";

	private static final String UPSERT = """
			insert into repository (provider, organization, project, name, full_name, provider_repo_id, url,
			                        visibility, archived, default_branch, metadata_fetched_at)
			select provider, organization, project, name, full_name, provider_repo_id, url,
			       visibility, archived, default_branch, case when complete then now() end
			from unnest(cast(:provider as text[]), cast(:organization as text[]), cast(:project as text[]),
			            cast(:name as text[]), cast(:fullName as text[]), cast(:providerRepoId as text[]),
			            cast(:url as text[]), cast(:visibility as text[]), cast(:archived as boolean[]),
			            cast(:defaultBranch as text[]), cast(:complete as boolean[]))
			     as input (provider, organization, project, name, full_name, provider_repo_id, url,
			               visibility, archived, default_branch, complete)
			on conflict (provider, full_name) do update set
			    (organization, project, name, provider_repo_id, url, visibility, archived, default_branch,
			     metadata_fetched_at, updated_at)
			  = (%1$s, now())
			-- a page's repositories are mostly unchanged: rewriting them would cost a row version each
			where (repository.organization, repository.project, repository.name, repository.provider_repo_id,
			       repository.url, repository.visibility, repository.archived, repository.default_branch,
			       repository.metadata_fetched_at)
			      is distinct from (%1$s)
			returning id, full_name
			""".formatted(MERGED);

	private static final String IDS = """
			select id, full_name from repository where provider = :provider and full_name = any(:fullNames)
			""";

	private static final String FRESH = """
			select full_name from repository
			where provider = :provider and full_name = any(:fullNames) and metadata_fetched_at >= :notBefore
			""";

	private static final String STALE_OWNERS = """
			select id, full_name from repository
			where provider = :provider and full_name = any(:fullNames)
			  and (owners_resolved_at is null or owners_resolved_at < :notBefore)
			""";

	private static final String TOUCH = """
			update repository set metadata_fetched_at = now()
			where provider = :provider and full_name = any(:fullNames) and metadata_fetched_at is null
			""";

	private final DatabaseClient db;

	RepositoryStore(DatabaseClient db) {
		this.db = db;
	}

	/** Upserts the repositories of one provider; returns their ids by full name. */
	public Mono<Map<String, Long>> upsertAll(Collection<NormalizedRepository> repositories) {
		// sorted, so that concurrent passes lock shared rows in the same order and cannot deadlock
		Map<String, NormalizedRepository> byName = new TreeMap<>();
		repositories.forEach(repository -> byName.merge(repository.fullName(), repository,
				(known, other) -> other.metadataComplete() ? other : known));
		if (byName.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<NormalizedRepository> rows = List.copyOf(byName.values());
		return db.sql(UPSERT)
			.bind("provider", column(rows, NormalizedRepository::provider))
			.bind("organization", column(rows, NormalizedRepository::organization))
			.bind("project", column(rows, NormalizedRepository::project))
			.bind("name", column(rows, NormalizedRepository::name))
			.bind("fullName", column(rows, NormalizedRepository::fullName))
			.bind("providerRepoId", column(rows, NormalizedRepository::providerRepoId))
			.bind("url", column(rows, NormalizedRepository::url))
			.bind("visibility", column(rows, NormalizedRepository::visibility))
			.bind("archived", rows.stream().map(NormalizedRepository::archived).toArray(Boolean[]::new))
			.bind("defaultBranch", column(rows, NormalizedRepository::defaultBranch))
			.bind("complete", rows.stream().map(NormalizedRepository::metadataComplete).toArray(Boolean[]::new))
			.map(row -> Map.entry(row.get("full_name", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
			.flatMap(written -> withUnchanged(rows.get(0).provider(), byName.keySet(), written));
	}

	/** An unchanged row is not returned by the upsert: its id is read, in a statement that sees it however it came. */
	private Mono<Map<String, Long>> withUnchanged(String provider, Set<String> names, Map<String, Long> written) {
		List<String> unchanged = names.stream().filter(name -> !written.containsKey(name)).toList();
		if (unchanged.isEmpty()) {
			return Mono.just(written);
		}
		return db.sql(IDS)
			.bind("provider", provider)
			.bind("fullNames", unchanged.toArray(String[]::new))
			.map(row -> Map.entry(row.get("full_name", String.class), row.get("id", Long.class)))
			.all()
			.collect(() -> written, (ids, row) -> ids.put(row.getKey(), row.getValue()));
	}

	/** The stored visibility of each named repository that has one, by full name. */
	public Mono<Map<String, String>> visibilities(String provider, Collection<String> fullNames) {
		return db.sql("select full_name, visibility from repository where provider = :provider "
				+ "and full_name = any(:fullNames) and visibility is not null")
			.bind("provider", provider)
			.bind("fullNames", fullNames.toArray(String[]::new))
			.map(row -> Map.entry(row.get("full_name", String.class), row.get("visibility", String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** The repositories among {@code fullNames} whose metadata was read at or after {@code notBefore}. */
	public Mono<Set<String>> withFreshMetadata(String provider, Collection<String> fullNames, Instant notBefore) {
		return db.sql(FRESH)
			.bind("provider", provider)
			.bind("fullNames", fullNames.toArray(String[]::new))
			.bind("notBefore", notBefore)
			.map(row -> row.get("full_name", String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	/** The ids, by full name, of the named repositories whose owners were not worked out since {@code notBefore}. */
	public Mono<Map<String, Long>> withStaleOwners(String provider, Collection<String> fullNames, Instant notBefore) {
		return db.sql(STALE_OWNERS)
			.bind("provider", provider)
			.bind("fullNames", fullNames.toArray(String[]::new))
			.bind("notBefore", notBefore)
			.map(row -> Map.entry(row.get("full_name", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Records that metadata was asked for, so a repository the provider cannot show is not asked for again. */
	public Mono<Void> markMetadataRequested(String provider, Collection<String> fullNames) {
		return db.sql(TOUCH)
			.bind("provider", provider)
			.bind("fullNames", fullNames.toArray(String[]::new))
			.then();
	}

	private static String[] column(List<NormalizedRepository> rows,
			Function<NormalizedRepository, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

}
