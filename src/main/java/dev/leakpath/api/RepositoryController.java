package dev.leakpath.api;

import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.repository.RepositoryQueries;
import dev.leakpath.repository.RepositoryView;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RepositoryController {

	private static final Set<String> PARAMETERS = Set.of("provider", "organization", "limit", "cursor");

	private final RepositoryQueries repositories;

	RepositoryController(RepositoryQueries repositories) {
		this.repositories = repositories;
	}

	@GetMapping("/api/v1/repositories")
	Mono<Page<RepositoryView>> list(@RequestParam MultiValueMap<String, String> parameters, AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return repositories
			.find(query.oneOf("provider", AlertController.PROVIDERS), query.text("organization"),
					scope.organizationArray(), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, RepositoryView::id));
	}

}
