package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.attackpath.AttackPathDetail;
import dev.leakpath.attackpath.AttackPathQueries;
import dev.leakpath.attackpath.AttackPathView;
import dev.leakpath.export.JsonArrays;
import dev.leakpath.security.AccessScope;
import dev.leakpath.sql.ListOrder;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "attack paths")
@RestController
class AttackPathController {

	private static final Set<String> PARAMETERS = Set.of("status", "risk", "provider", "repository", "target", "sort",
			"limit", "cursor");

	private static final Set<String> STATUSES = Set.of("open", "resolved", "all");

	private static final Set<String> RISKS = Set.of("critical", "high", "medium", "low");

	private static final Set<String> EXPORT_PARAMETERS = Set.of("status", "risk", "provider", "repository", "target",
			"format");

	private final AttackPathQueries attackPaths;

	private final ObjectMapper json;

	AttackPathController(AttackPathQueries attackPaths, ObjectMapper json) {
		this.attackPaths = attackPaths;
		this.json = json;
	}

	/**
	 * Newest first, or with {@code sort=risk} highest risk first; {@code status} is {@code open} unless asked
	 * otherwise ({@code all} includes history).
	 */
	@Operation(operationId = "listAttackPaths", summary = "Attack paths, newest first or ranked by risk")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(type = "string", allowableValues = { "open", "resolved", "all" }, defaultValue = "open"),
					description = "open (default), resolved or all"),
			@Parameter(in = ParameterIn.QUERY, name = "risk", schema = @Schema(type = "string", allowableValues = { "critical", "high", "medium", "low" }),
					description = "critical, high, medium or low"),
			@Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(in = ParameterIn.QUERY, name = "repository", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "full name of the entry repository"),
			@Parameter(in = ParameterIn.QUERY, name = "target", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "the key of the resource reached "
					+ "(a target's key in GET /api/v1/targets: asset:<id> or unlisted:<type>:<name>)"),
			@Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(type = "string", allowableValues = { "newest", "risk" }, defaultValue = "newest"),
					description = "newest (default) or risk: highest risk score first, newest first within a score"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/attack-paths")
	Mono<Page<AttackPathView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		ListOrder order = query.order();
		return attackPaths.find(filter(query), scope.organizationArray(), order, limit + 1)
			.map(rows -> Page.of(rows, limit, order, AttackPathView::id, AttackPathView::riskScore));
	}

	/** Every matching path, newest first, as one JSON array of the listing's items, streamed. */
	@Operation(operationId = "exportAttackPaths", summary = "Streams matching attack paths as a JSON array",
			responses = @ApiResponse(responseCode = "200", description = "An attachment: the listing's items, every one",
					headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
							schema = @Schema(type = "string")),
					content = @Content(mediaType = "application/json",
							array = @ArraySchema(schema = @Schema(implementation = AttackPathView.class)))))
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "format", schema = @Schema(type = "string", allowableValues = { "json" }, defaultValue = "json"),
					description = "json (the default and only one)"),
			@Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(type = "string", allowableValues = { "open", "resolved", "all" }, defaultValue = "open"),
					description = "open (default), resolved or all"),
			@Parameter(in = ParameterIn.QUERY, name = "risk", schema = @Schema(type = "string", allowableValues = { "critical", "high", "medium", "low" }),
					description = "critical, high, medium or low"),
			@Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(in = ParameterIn.QUERY, name = "repository", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "full name of the entry repository"),
			@Parameter(in = ParameterIn.QUERY, name = "target", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "the key of the resource reached") })
	@GetMapping(path = "/api/v1/attack-paths/export", produces = "application/json")
	ResponseEntity<Flux<String>> export(
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters, AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, EXPORT_PARAMETERS);
		query.oneOf("format", Set.of("json"));
		return Exports.attachment("leakpath-attack-paths.json", MediaType.APPLICATION_JSON,
				JsonArrays.write(json, attackPaths.stream(filter(query), scope.organizationArray())));
	}

	private static AttackPathQueries.Filter filter(QueryParameters query) {
		String status = query.oneOf("status", STATUSES);
		return new AttackPathQueries.Filter(status == null ? "open" : status.equals("all") ? null : status,
				query.oneOf("risk", RISKS), query.oneOf("provider", AlertController.PROVIDERS), query.text("repository"),
				null, query.text("target"));
	}

	@Operation(operationId = "getAttackPath", summary = "One attack path with nodes, edges, evidence and remediation")
	@GetMapping("/api/v1/attack-paths/{id}")
	Mono<AttackPathDetail> one(@Parameter(description = "the attack path's id") @PathVariable long id, AccessScope scope) {
		return attackPaths.findById(id, scope.organizationArray())
			.switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no attack path " + id)));
	}

}
