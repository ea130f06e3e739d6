package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.Headline;
import dev.leakpath.attackpath.HeadlineQueries;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "attack paths")
@RestController
class HeadlineController {

	private final HeadlineQueries headlines;

	HeadlineController(HeadlineQueries headlines) {
		this.headlines = headlines;
	}

	@Operation(operationId = "getHeadline", summary = "Open critical and high attack paths, valid exposed secrets, "
			+ "public repositories with paths, reachable targets",
			responses = { @ApiResponse(responseCode = "200", description = "the figures",
					content = @Content(schema = @Schema(implementation = Headline.class))),
					@ApiResponse(responseCode = "400", description = "it takes no parameters") })
	@GetMapping("/api/v1/headline")
	Mono<Headline> headline(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		new QueryParameters(parameters, Set.of());
		return headlines.headline(scope.organizationArray());
	}

}
