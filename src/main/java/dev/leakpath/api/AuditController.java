package dev.leakpath.api;

import java.util.Set;

import reactor.core.publisher.Mono;

import dev.leakpath.audit.AuditEvent;
import dev.leakpath.audit.AuditLog;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin actions taken through the API, newest first (admins only). */
@RestController
class AuditController {

	private static final Set<String> PARAMETERS = Set.of("actor", "limit", "cursor");

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit")
	Mono<Page<AuditEvent>> list(@RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return audit.find(query.text("actor"), query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, AuditEvent::id));
	}

}
