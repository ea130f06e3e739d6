package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.repository.RepositoryQueries;
import dev.leakpath.repository.RepositoryView;
import dev.leakpath.security.AccessScope;
import dev.leakpath.sql.ListOrder;
import dev.leakpath.sql.RankCursor;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "repositories")
@RestController
class RepositoryController {

	private static final Set<String> PARAMETERS = Set.of("provider", "organization", "name", "sort", "limit",
			"cursor");

	private final RepositoryQueries repositories;

	RepositoryController(RepositoryQueries repositories) {
		this.repositories = repositories;
	}

	/** As {@code repository_risk.rank} keeps it. */
	private static long rank(RepositoryView repository) {
		return RankCursor.rank(repository.risk().score(), repository.openAlerts());
	}

	@Operation(operationId = "listRepositories", summary = "Repositories with open and total alert counts")
	@Parameters({ @Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(ref = ApiParameters.ORGANIZATION),
			@Parameter(in = ParameterIn.QUERY, name = "name", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "a part of the full name (organisation, "
					+ "project and name), any case; % and _ are plain characters. A trigram index (pg_trgm) answers it."),
			@Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(type = "string", allowableValues = { "newest", "risk" }, defaultValue = "newest"),
					description = "newest (default) or risk: the repositories "
					+ "with findings, highest risk score (their worst finding's) first, more open findings first "
					+ "within a score"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/repositories")
	Mono<Page<RepositoryView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		ListOrder order = query.order();
		return repositories
			.find(query.oneOf("provider", AlertController.PROVIDERS), query.text("organization"),
					query.text("name"), scope.organizationArray(), order, limit + 1)
			.map(rows -> Page.of(rows, limit, order, RepositoryView::id, RepositoryController::rank));
	}

}
