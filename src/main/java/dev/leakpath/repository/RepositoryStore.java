package dev.leakpath.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.ingest.NormalizedRepository;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Writes code repositories. What an alert says of its repository never overwrites what was read from
 * the repository itself (visibility, archived, default branch).
 */
@Component
public class RepositoryStore {

	private static final String UPSERT = """
			insert into repository (provider, organization, project, name, full_name, provider_repo_id, url,
			                        visibility, archived, default_branch, metadata_fetched_at)
			values (:provider, :organization, :project, :name, :fullName, :providerRepoId, :url,
			        :visibility, :archived, :defaultBranch, case when :complete then now() end)
			on conflict (provider, full_name) do update set
			    organization        = excluded.organization
			  , project             = coalesce(excluded.project, repository.project)
			  , name                = excluded.name
			  , provider_repo_id    = coalesce(excluded.provider_repo_id, repository.provider_repo_id)
			  , url                 = coalesce(excluded.url, repository.url)
			  , visibility          = case when :complete then excluded.visibility
			                               else coalesce(repository.visibility, excluded.visibility) end
			  , archived            = case when :complete then excluded.archived else repository.archived end
			  , default_branch      = case when :complete then excluded.default_branch else repository.default_branch end
			  , metadata_fetched_at = coalesce(excluded.metadata_fetched_at, repository.metadata_fetched_at)
			  , updated_at          = now()
			returning id
			""";

	private static final String FRESH = """
			select full_name from repository
			where provider = :provider and full_name = any(:fullNames) and metadata_fetched_at >= :notBefore
			""";

	private static final String TOUCH = """
			update repository set metadata_fetched_at = now()
			where provider = :provider and full_name = any(:fullNames) and metadata_fetched_at is null
			""";

	private final DatabaseClient db;

	RepositoryStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Long> upsert(NormalizedRepository repository) {
		return db.sql(UPSERT)
			.bind("provider", repository.provider())
			.bind("organization", repository.organization())
			.bind("project", Parameter.fromOrEmpty(repository.project(), String.class))
			.bind("name", repository.name())
			.bind("fullName", repository.fullName())
			.bind("providerRepoId", Parameter.fromOrEmpty(repository.providerRepoId(), String.class))
			.bind("url", Parameter.fromOrEmpty(repository.url(), String.class))
			.bind("visibility", Parameter.fromOrEmpty(repository.visibility(), String.class))
			.bind("archived", Parameter.fromOrEmpty(repository.archived(), Boolean.class))
			.bind("defaultBranch", Parameter.fromOrEmpty(repository.defaultBranch(), String.class))
			.bind("complete", repository.metadataComplete())
			.map(row -> row.get("id", Long.class))
			.one();
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

	/** Records that metadata was asked for, so a repository the provider cannot show is not asked for again. */
	public Mono<Void> markMetadataRequested(String provider, Collection<String> fullNames) {
		return db.sql(TOUCH)
			.bind("provider", provider)
			.bind("fullNames", fullNames.toArray(String[]::new))
			.then();
	}

}
