package dev.leakpath.ingest.ado;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.owner.CodeOwners;
import dev.leakpath.owner.ProviderOwners;

/**
 * The first CODEOWNERS file, at the same paths as on GitHub, on each repository's default branch: Azure DevOps
 * reads one file per request, so each repository is asked on its own.
 */
final class AzureDevOpsOwners {

	private final AzureDevOpsClient client;

	private final AzureDevOpsItems items;

	AzureDevOpsOwners(AzureDevOpsClient client, AzureDevOpsItems items) {
		this.client = client;
		this.items = items;
	}

	Mono<Map<String, ProviderOwners>> read(List<NormalizedRepository> repositories) {
		return Flux.fromIterable(repositories)
			.concatMap(repository -> codeOwners(repository).map(owners -> Map.entry(repository.fullName(), owners)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<ProviderOwners> codeOwners(NormalizedRepository repository) {
		if (repository.providerRepoId() == null || repository.project() == null) {
			return Mono.just(ProviderOwners.NONE);
		}
		return Flux.fromIterable(CodeOwners.PATHS)
			.concatMap(path -> client.get(items.item(repository, path).build())
				.flatMap(response -> Mono.justOrEmpty(response.body().path("content").asText(null)))
				.onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex)))
			.next()
			.map(file -> new ProviderOwners(CodeOwners.parse(file), List.of()))
			.defaultIfEmpty(ProviderOwners.NONE);
	}

}
