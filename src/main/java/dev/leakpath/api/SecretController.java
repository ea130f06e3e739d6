package dev.leakpath.api;

import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.secret.SecretQueries;
import dev.leakpath.secret.SecretView;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SecretController {

	private static final Set<String> PARAMETERS = Set.of("targetKind", "exists", "limit", "cursor");

	private static final Set<String> TARGET_KINDS = Set.of("cloud_resource", "cloud_identity", "saas_identity",
			"unresolved");

	private static final Set<String> EXISTS = Set.of("true", "false", "unknown");

	private final SecretQueries secrets;

	SecretController(SecretQueries secrets) {
		this.secrets = secrets;
	}

	@GetMapping("/api/v1/secrets")
	Mono<Page<SecretView>> list(@RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return secrets.find(query.oneOf("targetKind", TARGET_KINDS), query.oneOf("exists", EXISTS), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, SecretView::id));
	}

}
