package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.secret.SecretFilter;
import dev.leakpath.secret.SecretQueries;
import dev.leakpath.secret.SecretView;
import dev.leakpath.security.AccessScope;
import dev.leakpath.sql.ListOrder;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "secrets")
@RestController
class SecretController {

	private static final Set<String> PARAMETERS = Set.of("targetKind", "exists", "expired", "sort", "limit",
			"cursor");

	private static final Set<String> TARGET_KINDS = Set.of("cloud_resource", "cloud_identity", "saas_identity",
			"unresolved");

	private static final Set<String> EXISTS = Set.of("true", "false", "unknown");

	private final SecretQueries secrets;

	SecretController(SecretQueries secrets) {
		this.secrets = secrets;
	}

	/**
	 * Newest first, page by page; or, with {@code sort=pathsClosed}, the secrets on open attack paths ranked by
	 * how many of them rotating each would close, up to {@code limit} and without a cursor.
	 */
	@Operation(operationId = "listSecrets", summary = "Distinct secrets (fingerprint and masked preview only) with their targets")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "targetKind", schema = @Schema(type = "string", allowableValues = { "cloud_resource", "cloud_identity", "saas_identity", "unresolved" }),
					description = "what the secret reaches: cloud_resource, identity, ..."),
			@Parameter(in = ParameterIn.QUERY, name = "exists", schema = @Schema(type = "string", allowableValues = { "true", "false", "unknown" }),
					description = "true, false or unknown: whether the target is in the inventory"),
			@Parameter(in = ParameterIn.QUERY, name = "expired", schema = @Schema(type = "boolean"),
					description = "true: secrets that have expired by their own word (a SAS se, a signed URL's lifetime, a JWT exp); false: every other"),
			@Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(type = "string", allowableValues = { "newest", "pathsClosed", "risk" }, defaultValue = "newest"),
					description = "newest (default), pathsClosed, or risk: "
					+ "highest risk score (that of the secret's worst alert) first, newest first within a score"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/secrets")
	Mono<Page<SecretView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		SecretFilter filter = new SecretFilter(query.oneOf("targetKind", TARGET_KINDS), query.oneOf("exists", EXISTS),
				query.flag("expired"));
		String sort = query.oneOf("sort", Set.of("newest", "pathsClosed", "risk"));
		if ("risk".equals(sort)) {
			ListOrder order = query.order();
			return secrets.findByRisk(filter, scope.organizationArray(), order.below(), limit + 1)
				.map(rows -> Page.of(rows, limit, order, SecretView::id, secret -> secret.risk().score()));
		}
		if ("pathsClosed".equals(sort)) {
			if (query.cursor() != null) {
				throw ApiProblemException.badRequest("sort=pathsClosed is one ranked page: it takes a limit, not a cursor");
			}
			return secrets.findByPathsClosed(filter, scope.organizationArray(), limit).map(rows -> new Page<>(rows, null));
		}
		return secrets.find(filter, scope.organizationArray(), query.cursor(), limit + 1).map(rows -> Page.of(rows, limit, SecretView::id));
	}

}
