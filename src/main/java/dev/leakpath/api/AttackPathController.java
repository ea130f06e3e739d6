package dev.leakpath.api;

import java.util.Set;

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
	@GetMapping("/api/v1/attack-paths")
	Mono<Page<AttackPathView>> list(@RequestParam MultiValueMap<String, String> parameters, AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		String status = query.oneOf("status", STATUSES);
		int limit = query.limit();
		AttackPathQueries.Filter filter = new AttackPathQueries.Filter(
				status == null ? "open" : status.equals("all") ? null : status, query.oneOf("risk", RISKS),
				query.oneOf("provider", AlertController.PROVIDERS), query.text("repository"), null);
		return attackPaths.find(filter, scope.organizationArray(), query.cursor(), limit + 1).map(rows -> Page.of(rows, limit, AttackPathView::id));
	}

	@GetMapping("/api/v1/attack-paths/{id}")
	Mono<AttackPathDetail> one(@PathVariable long id, AccessScope scope) {
		return attackPaths.findById(id, scope.organizationArray())
			.switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no attack path " + id)));
	}

}
