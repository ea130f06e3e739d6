package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.owner.CodeOwners;
import dev.leakpath.owner.ProviderOwners;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Repositories' owners as GitHub knows them: the first CODEOWNERS file GitHub itself would use, on the default
 * branch; without one, the teams ({@code GET /repos/{owner}/{repo}/teams}) and the direct collaborators with admin
 * access. One GraphQL query ({@link GitHubOwnersQuery}) reads the files and collaborators of up to
 * {@link GitHubOwnersQuery#BATCH_SIZE} repositories; only a repository without CODEOWNERS costs a REST read more,
 * for its teams, which the GraphQL API does not list.
 */
final class GitHubOwners {

	private static final Logger log = LoggerFactory.getLogger(GitHubOwners.class);

	private final URI apiUrl;

	private final GitHubClient client;

	GitHubOwners(URI apiUrl, GitHubClient client) {
		this.apiUrl = apiUrl;
		this.client = client;
	}

	/**
	 * Keyed by full name; {@link ProviderOwners#NONE} for a repository GitHub did not find; absent where its teams
	 * could not be read (logged), so that repository alone is asked again.
	 */
	Mono<Map<String, ProviderOwners>> read(List<NormalizedRepository> repositories) {
		GitHubOwnersQuery query = new GitHubOwnersQuery(repositories);
		return client.graphQl(query.text(), query.variables()).flatMap(body -> {
			Map<String, ProviderOwners> owners = new HashMap<>();
			repositories.forEach(repository -> owners.put(repository.fullName(), ProviderOwners.NONE));
			return Flux.fromIterable(query.answers(body))
				.concatMap(answer -> owners(answer).onErrorResume(ex -> {
					log.warn("GitHub {}: could not read its admin teams: {}", answer.repository().fullName(),
							ex.getMessage());
					owners.remove(answer.repository().fullName());
					return Mono.empty();
				}))
				.doOnNext(found -> owners.put(found.getKey(), found.getValue()))
				.then(Mono.fromSupplier(() -> owners));
		});
	}

	private Mono<Map.Entry<String, ProviderOwners>> owners(GitHubOwnersQuery.Answer answer) {
		String fullName = answer.repository().fullName();
		List<String> codeOwners = answer.codeOwners() == null ? List.of() : CodeOwners.parse(answer.codeOwners());
		if (!codeOwners.isEmpty()) {
			return Mono.just(Map.entry(fullName, new ProviderOwners(codeOwners, List.of())));
		}
		return adminTeams(answer.repository()).map(teams -> {
			List<String> admins = new ArrayList<>(teams);
			admins.addAll(answer.adminUsers());
			return Map.entry(fullName, new ProviderOwners(List.of(), admins));
		});
	}

	/**
	 * {@code @org/team} of every team with admin access; none for a user-owned repository (404). Read here rather
	 * than through github-api, whose repository object costs a read of the repository first.
	 */
	private Mono<List<String>> adminTeams(NormalizedRepository repository) {
		String organization = repository.fullName().substring(0, repository.fullName().indexOf('/'));
		String uri = UriComponentsBuilder.fromUri(apiUrl)
			.path("/repos/{fullName}/teams")
			.queryParam("per_page", 100)
			.buildAndExpand(repository.fullName())
			.encode()
			.toUriString();
		return client.get(uri, null).map(response -> {
			List<String> teams = new ArrayList<>();
			response.body().forEach(team -> {
				if ("admin".equals(team.path("permission").asText()) && team.hasNonNull("slug")) {
					teams.add("@" + organization + "/" + team.get("slug").asText());
				}
			});
			teams.sort(null);
			return teams;
		}).onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.just(List.of()) : Mono.error(ex));
	}

}
