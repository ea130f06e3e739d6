package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.recommendation.RecommendationQueries;
import dev.leakpath.recommendation.RecommendationView;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "recommendations")
@RestController
class RecommendationController {

	private static final Set<String> PARAMETERS = Set.of("provider", "status", "limit");

	private final RecommendationQueries recommendations;

	RecommendationController(RecommendationQueries recommendations) {
		this.recommendations = recommendations;
	}

	/** The riskiest first; {@code limit} caps the list (there is no cursor: scores move as alerts change). */
	@Operation(operationId = "listRecommendations", summary = "One recommendation per repository with findings, riskiest first")
	@Parameters({ @Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(type = "string", allowableValues = { "healthy", "unhealthy" }),
					description = "healthy or unhealthy"),
			@Parameter(ref = ApiParameters.LIMIT) })
	@GetMapping("/api/v1/recommendations")
	Mono<Items<RecommendationView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		return recommendations
			.find(query.oneOf("provider", AlertController.PROVIDERS), query.oneOf("status", Set.of("healthy", "unhealthy")),
					scope.organizationArray(), query.limit())
			.map(Items::new);
	}

}
