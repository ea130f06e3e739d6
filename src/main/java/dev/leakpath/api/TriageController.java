package dev.leakpath.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertFilter;
import dev.leakpath.audit.AuditOrigin;
import dev.leakpath.secrettype.SecretTypeCatalogue;
import dev.leakpath.security.AccessScope;
import dev.leakpath.security.Callers;
import dev.leakpath.security.Role;
import dev.leakpath.security.TriageScope;
import dev.leakpath.triage.TriageAction;
import dev.leakpath.triage.TriageCommandView;
import dev.leakpath.triage.TriageCommands;
import dev.leakpath.triage.TriageItemView;
import dev.leakpath.triage.TriageOrder;
import dev.leakpath.triage.TriageQueries;

import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triage written back to the providers: a request is stored as a command and answered 202; a worker carries it
 * out at GitHub or Azure DevOps, and {@code GET} shows how each alert fared. Triagers of an alert's organisation
 * and admins may triage.
 */
@Tag(name = "triage")
@RestController
class TriageController {

	private static final Set<String> PARAMETERS = Set.of("status", "limit", "cursor");

	private final TriageCommands commands;

	private final TriageQueries queries;

	private final SecretTypeCatalogue catalogue;

	TriageController(TriageCommands commands, TriageQueries queries, SecretTypeCatalogue catalogue) {
		this.commands = commands;
		this.queries = queries;
		this.catalogue = catalogue;
	}

	@Operation(operationId = "triageAlerts", summary = "Assigns, resolves, dismisses or reopens alerts at their "
			+ "provider (triager or admin), or revokes GitHub tokens and resolves their alerts (admin): 202 with the command, carried out in the background",
			responses = { @ApiResponse(responseCode = "202", description = "the command, stored; its Location reads it",
					headers = @Header(name = "Location", description = "GET it for the command's state",
							schema = @Schema(type = "string"))),
					@ApiResponse(responseCode = "404", description = "an alert id names no alert the caller sees") })
	@PostMapping("/api/v1/alerts/triage")
	Mono<ResponseEntity<TriageCommandView>> triage(@RequestBody TriageRequest request, AccessScope scope,
			Authentication caller, ServerHttpRequest http) {
		TriageOrder order = order(request.action(), request.resolution(), request.comment(), request.assignee(), caller);
		TriageScope triage = TriageScope.of(caller);
		if ((request.alertIds() == null) == (request.filter() == null)) {
			throw ApiProblemException.badRequest("give either alertIds or filter");
		}
		Mono<Long> stored = request.alertIds() != null
				? commands.submit(order, ids(request.alertIds()), scope.organizationArray(), triage, origin(caller, http),
						TriageCommands.FROM_API)
				: commands.submit(order, filter(request.filter(), scope), triage, origin(caller, http),
						TriageCommands.FROM_API);
		return accepted(stored, scope);
	}

	@Operation(operationId = "triageAlert",
			summary = "Assigns, resolves, dismisses or reopens one alert at its provider (triager or admin), or "
					+ "revokes its GitHub token and resolves it (admin)",
			responses = @ApiResponse(responseCode = "202", description = "the command, stored; its Location reads it",
					headers = @Header(name = "Location", description = "GET it for the command's state",
							schema = @Schema(type = "string"))))
	@PostMapping("/api/v1/alerts/{id}/triage")
	Mono<ResponseEntity<TriageCommandView>> triageOne(@PathVariable long id, @RequestBody TriageRequest.OneAlert request,
			AccessScope scope, Authentication caller, ServerHttpRequest http) {
		TriageOrder order = order(request.action(), request.resolution(), request.comment(), request.assignee(), caller);
		return accepted(commands.submit(order, List.of(id), scope.organizationArray(), TriageScope.of(caller),
				origin(caller, http), TriageCommands.FROM_API), scope);
	}

	@Operation(operationId = "getTriageCommand",
			summary = "A triage command: counts by status, and its alerts (newest first) with each provider's answer")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status",
			schema = @Schema(type = "string", allowableValues = { "pending", "applied", "failed", "conflict" }),
			description = "those items only"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/triage/{id}")
	Mono<TriageCommandPage> command(@PathVariable long id,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters, AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		String status = query.oneOf("status", Set.copyOf(TriageQueries.STATUSES));
		int limit = query.limit();
		String[] organizations = scope.organizationArray();
		// items are read after the counts, never beside them: an item only ever leaves 'pending', so a command read
		// as done never comes with an item read earlier, while it was still pending
		return queries.command(id, organizations)
			.switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no triage command with id " + id)))
			.flatMap(command -> queries.items(id, status, query.cursor(), limit + 1, organizations).map(rows -> {
				Page<TriageItemView> page = Page.of(rows, limit, TriageItemView::id);
				return new TriageCommandPage(command, page.items(), page.nextCursor());
			}));
	}

	private Mono<ResponseEntity<TriageCommandView>> accepted(Mono<Long> stored, AccessScope scope) {
		return stored.flatMap(id -> queries.command(id, scope.organizationArray())
			.map(command -> ResponseEntity.accepted().location(URI.create("/api/v1/triage/" + id)).body(command)));
	}

	/** A revocation cannot be undone and reads the secret from the provider: an admin's decision only. */
	private static TriageOrder order(String action, String resolution, String comment, String assignee,
			Authentication caller) {
		TriageOrder order = new TriageOrder(action == null ? null : TriageAction.of(action), resolution, comment,
				assignee);
		if (order.action() == TriageAction.REVOKE && !Callers.has(caller, Role.ADMIN)) {
			throw ApiProblemException.forbidden("revoke needs the admin role: a revoked token cannot be restored");
		}
		return order;
	}

	private static List<Long> ids(List<Long> ids) {
		if (ids.stream().anyMatch(id -> id == null)) {
			throw ApiProblemException.badRequest("alertIds must be alert ids, without null");
		}
		return ids;
	}

	private AlertFilter filter(TriageRequest.Filter filter, AccessScope scope) {
		if (filter.isEmpty()) {
			throw ApiProblemException.badRequest("filter must name at least one condition of GET /api/v1/alerts");
		}
		return new AlertFilter(oneOf("provider", filter.provider(), AlertController.PROVIDERS),
				text("organization", filter.organization()), text("repository", filter.repository()),
				oneOf("state", filter.state(), AlertController.STATES),
				catalogue.idOf(text("secretType", filter.secretType())),
				oneOf("validity", filter.validity(), AlertController.VALIDITIES), filter.expired(),
				scope.organizationArray(), null, 0);
	}

	private static String oneOf(String name, String value, Set<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			throw ApiProblemException.badRequest("filter." + name + " must be one of " + new TreeSet<>(allowed));
		}
		return value;
	}

	private static String text(String name, String value) {
		if (value != null && (value.isBlank() || value.length() > 500)) {
			throw ApiProblemException.badRequest("filter." + name + " must be 1 to 500 characters");
		}
		return value;
	}

	/** The request that asked, for the audit log: never its body. */
	private static AuditOrigin origin(Authentication caller, ServerHttpRequest http) {
		InetSocketAddress remote = http.getRemoteAddress();
		return new AuditOrigin(Callers.name(caller), http.getMethod().name(), http.getPath().pathWithinApplication().value(),
				remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress());
	}

	/** A command, one page of its items, and the cursor of the next page (null on the last). */
	record TriageCommandPage(TriageCommandView command, List<TriageItemView> items, @Nullable String nextCursor) {
	}

}
