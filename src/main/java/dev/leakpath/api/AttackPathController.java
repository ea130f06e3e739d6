package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.AttackPathDetail;
import dev.leakpath.attackpath.AttackPathQueries;
import dev.leakpath.attackpath.AttackPathView;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "attack paths")
@RestController
class AttackPathController {

	private static final Set<String> PARAMETERS = Set.of("status", "risk", "provider", "repository", "limit", "cursor");

	private static final Set<String> STATUSES = Set.of("open", "resolved", "all");

	private static final Set<String> RISKS = Set.of("critical", "high", "medium", "low");

	private final AttackPathQueries attackPaths;

	AttackPathController(AttackPathQueries attackPaths) {
		this.attackPaths = attackPaths;
	}

	/** Newest first; {@code status} is {@code open} unless asked otherwise ({@code all} includes history). */
	@Operation(operationId = "listAttackPaths", summary = "Attack paths, newest first")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status", description = "open (default), resolved or all"),
			@Parameter(in = ParameterIn.QUERY, name = "risk", description = "critical, high, medium or low"),
			@Parameter(in = ParameterIn.QUERY, name = "provider", description = "github or azure_devops"),
			@Parameter(in = ParameterIn.QUERY, name = "repository", description = "full name of the entry repository"),
			@Parameter(in = ParameterIn.QUERY, name = "limit", description = "items per page, 1 to 500 (default 100)"),
			@Parameter(in = ParameterIn.QUERY, name = "cursor", description = "nextCursor of the previous page") })
	@GetMapping("/api/v1/attack-paths")
	Mono<Page<AttackPathView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		String status = query.oneOf("status", STATUSES);
		int limit = query.limit();
		AttackPathQueries.Filter filter = new AttackPathQueries.Filter(
				status == null ? "open" : status.equals("all") ? null : status, query.oneOf("risk", RISKS),
				query.oneOf("provider", AlertController.PROVIDERS), query.text("repository"), null);
		return attackPaths.find(filter, scope.organizationArray(), query.cursor(), limit + 1).map(rows -> Page.of(rows, limit, AttackPathView::id));
	}

	@Operation(operationId = "getAttackPath", summary = "One attack path with nodes, edges, evidence and remediation")
	@GetMapping("/api/v1/attack-paths/{id}")
	Mono<AttackPathDetail> one(@PathVariable long id, AccessScope scope) {
		return attackPaths.findById(id, scope.organizationArray())
			.switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no attack path " + id)));
	}

}
