package dev.leakpath.ingest.github;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.owner.CodeOwners;
import dev.leakpath.owner.ProviderOwners;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A repository's owners as GitHub knows them: the first CODEOWNERS file GitHub itself would use, on the
 * default branch ({@code GET /repos/{owner}/{repo}/contents/{path}}); without one, the teams
 * ({@code GET /repos/{owner}/{repo}/teams}) and the people
 * ({@code GET /repos/{owner}/{repo}/collaborators?affiliation=direct&permission=admin}) with admin access.
 */
final class GitHubOwners {

	private final URI apiUrl;

	private final GitHubClient client;

	GitHubOwners(URI apiUrl, GitHubClient client) {
		this.apiUrl = apiUrl;
		this.client = client;
	}

	Mono<ProviderOwners> read(NormalizedRepository repository) {
		return Flux.fromIterable(CodeOwners.PATHS)
			.concatMap(path -> codeOwnersFile(repository, path))
			.next()
			.map(file -> new ProviderOwners(CodeOwners.parse(file), List.of()))
			.filter(owners -> !owners.codeOwners().isEmpty())
			.switchIfEmpty(Mono.defer(() -> adminTeams(repository)
				.zipWith(adminUsers(repository), (teams, users) -> {
					List<String> admins = new ArrayList<>(teams);
					admins.addAll(users);
					return new ProviderOwners(List.of(), admins);
				})));
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

	/** {@code @login} of each direct collaborator with admin access; none when GitHub will not say (403, 404). */
	private Mono<List<String>> adminUsers(NormalizedRepository repository) {
		String uri = UriComponentsBuilder.fromUri(apiUrl)
			.path("/repos/{fullName}/collaborators")
			.queryParam("affiliation", "direct")
			.queryParam("permission", "admin")
			.queryParam("per_page", 100)
			.buildAndExpand(repository.fullName())
			.encode()
			.toUriString();
		return client.get(uri, null).map(response -> {
			List<String> users = new ArrayList<>();
			response.body().forEach(user -> {
				if (user.hasNonNull("login")) {
					users.add("@" + user.get("login").asText());
				}
			});
			return users;
		}).onErrorResume(PermanentSourceException.class, ex -> Mono.just(List.of()));
	}

	private Mono<String> codeOwnersFile(NormalizedRepository repository, String path) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUri(apiUrl).path("/repos/{fullName}/contents/{path}");
		if (repository.defaultBranch() != null) {
			url.queryParam("ref", "{branch}");
		}
		String uri = url.buildAndExpand(repository.fullName(), path, repository.defaultBranch()).encode().toUriString();
		return client.get(uri, null)
			.flatMap(response -> Mono.justOrEmpty(GitHubFileContent.text(response.body(), CodeOwners.MAX_BYTES)))
			.onErrorResume(PermanentSourceException.class, ex -> ex.status() == 404 ? Mono.empty() : Mono.error(ex));
	}

}
