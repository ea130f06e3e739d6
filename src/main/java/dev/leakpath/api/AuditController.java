package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.audit.AuditEvent;
import dev.leakpath.audit.AuditLog;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin actions taken through the API, newest first (admins only). */
@Tag(name = "audit")
@RestController
class AuditController {

	private static final Set<String> PARAMETERS = Set.of("actor", "subject", "limit", "cursor");

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@Operation(operationId = "listAuditEvents", summary = "Admin actions, newest first (admin)")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "actor", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "token:<name or hash> or oidc:<user>"),
			@Parameter(in = ParameterIn.QUERY, name = "subject", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "what a change changed, such as alert:42: its changes only"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/audit")
	Mono<Page<AuditEvent>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return audit.find(query.text("actor"), query.text("subject"), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, AuditEvent::id));
	}

}
