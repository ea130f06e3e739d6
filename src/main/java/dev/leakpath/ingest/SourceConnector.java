package dev.leakpath.ingest;

import dev.leakpath.model.NormalizedAlert;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.model.AlertReference;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.owner.ProviderOwners;

/**
 * A provider of secret-scanning alerts. A connector talks to its provider only: it never touches the
 * database, and hands back alerts in the provider-neutral model.
 */
public interface SourceConnector {

	/** The listing every connector has: what the provider lists when asked for no type in particular. */
	String DEFAULT_LISTING = "default";

	/** The provider name stored with every row, e.g. {@code github}. */
	String provider();

	/** Time between two polls of this connector's scopes. */
	Duration pollInterval();

	/** The scopes (organisations) this connector polls. Empty when the provider is not configured. */
	List<String> scopes();

	/**
	 * The listings a pass over a scope reads, one after the other, {@link #DEFAULT_LISTING} first. Each has a
	 * watermark, ETag and resume point of its own: a provider may leave some alerts out of its default listing
	 * (GitHub's generic patterns) and list them only when asked by name.
	 */
	default List<String> listings() {
		return List.of(DEFAULT_LISTING);
	}

	/**
	 * Fetches one pass over a listing of a scope, page by page, starting at the cursor's resume point or at
	 * the newest alert. The pass ends after the page that reaches the cursor's watermark, or at the last page.
	 */
	Flux<SourcePage> fetchPages(String scope, String listing, SyncCursor cursor);

	/** Reads metadata (visibility, archived, default branch) for the named repositories of a scope. */
	Mono<List<NormalizedRepository>> fetchRepositories(String scope, Collection<String> fullNames);

	/** Re-reads one alert with all its locations; empty when the provider no longer has it. */
	Mono<NormalizedAlert> fetchAlert(AlertReference reference);

	/**
	 * The file the alert's secret was found in, for finding what the secret can authenticate to from the lines
	 * around it; empty when the provider cannot give it.
	 */
	default Optional<ContextFile> contextFile(NormalizedAlert alert) {
		return Optional.empty();
	}

	/**
	 * The whole file as it is (up to {@link FileWindow#MAX_FILE_CHARACTERS}), kept in memory only while the windows
	 * of its alerts are cut from it, never logged; empty when it cannot be read.
	 */
	default Mono<String> readFile(ContextFile file) {
		return Mono.empty();
	}

	/** How many repositories one {@link #fetchOwners} call takes at most. */
	default int ownerBatchSize() {
		return 1;
	}

	/**
	 * What the provider says about repositories' owners (CODEOWNERS on the default branch, admins), keyed by full
	 * name, {@link ProviderOwners#NONE} for a repository it does not know; a repository whose owners could not be
	 * read is absent. At most {@link #ownerBatchSize()} repositories.
	 */
	default Mono<Map<String, ProviderOwners>> fetchOwners(List<NormalizedRepository> repositories) {
		return Flux.fromIterable(repositories)
			.collectMap(NormalizedRepository::fullName, repository -> ProviderOwners.NONE);
	}

	/** How triage is written to this provider's alerts, through this connector's client; empty when it cannot be. */
	default Optional<AlertWriteBack> writeBack() {
		return Optional.empty();
	}

	/** How this provider revokes leaked secrets; empty when it cannot. */
	default Optional<SecretRevocation> revocation() {
		return Optional.empty();
	}

}
