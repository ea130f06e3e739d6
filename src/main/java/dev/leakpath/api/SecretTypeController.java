package dev.leakpath.api;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.secrettype.SecretTypeQueries;
import dev.leakpath.secrettype.SecretTypeView;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "secret types")
@RestController
class SecretTypeController {

	private final SecretTypeQueries types;

	SecretTypeController(SecretTypeQueries types) {
		this.types = types;
	}

	@Operation(operationId = "listSecretTypes",
			summary = "Every secret type seen, most frequent first: catalogue id, name, category, whether the catalogue maps it, counts and each provider's name for it",
			responses = { @ApiResponse(responseCode = "200", description = "the secret types",
					content = @Content(array = @ArraySchema(schema = @Schema(implementation = SecretTypeView.class)))),
					@ApiResponse(responseCode = "400", description = "it takes no parameters") })
	@GetMapping("/api/v1/secret-types")
	Mono<List<SecretTypeView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		new QueryParameters(parameters, Set.of()); // refuses any parameter with a 400 naming it
		return types.seen(scope.organizationArray());
	}

}
