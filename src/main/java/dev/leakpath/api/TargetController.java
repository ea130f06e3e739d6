package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.ReachedTarget;
import dev.leakpath.attackpath.ReachedTargetQueries;
import dev.leakpath.security.AccessScope;
import dev.leakpath.sql.ListOrder;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "attack paths")
@RestController
class TargetController {

	private static final Set<String> PARAMETERS = Set.of("exposed", "sensitive", "limit", "cursor");

	private final ReachedTargetQueries targets;

	TargetController(ReachedTargetQueries targets) {
		this.targets = targets;
	}

	@Operation(operationId = "listTargets",
			summary = "Resources open attack paths reach, worst risk first, with how many secrets, repositories and paths reach each")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "exposed", schema = @Schema(type = "boolean"),
					description = "true or false: exposed to the internet"),
			@Parameter(in = ParameterIn.QUERY, name = "sensitive", schema = @Schema(type = "boolean"),
					description = "true or false: holds sensitive data"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/targets")
	Mono<Page<ReachedTarget>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		ListOrder order = ListOrder.risk(PageCursor.decodeRanked(parameters.getFirst("cursor")));
		return targets.find(query.flag("exposed"), query.flag("sensitive"), scope.organizationArray(), order.below(),
				limit + 1)
			.map(rows -> Page.of(rows, limit, order, ReachedTarget::id, ReachedTarget::rank));
	}

}
