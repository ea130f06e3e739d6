package dev.leakpath.api;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.security.AccessScope;
import dev.leakpath.security.TriageScope;
import dev.leakpath.ticket.TicketQueries;
import dev.leakpath.ticket.TicketRequests;
import dev.leakpath.ticket.TicketView;

import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "tickets")
@RestController
class TicketController {

	private static final Set<String> PARAMETERS = Set.of("status", "channel", "alert", "limit", "cursor");

	private final TicketQueries tickets;

	private final TicketRequests requests;

	TicketController(TicketQueries tickets, TicketRequests requests) {
		this.tickets = tickets;
		this.requests = requests;
	}

	@Operation(operationId = "listTicketRules", summary = "The ticket rules of config: a ticket can be asked for by any of them")
	@GetMapping("/api/v1/tickets/rules")
	List<TicketRequests.RuleView> rules() {
		return requests.rules();
	}

	@Operation(operationId = "openTicket",
			summary = "Opens the ticket of a rule for an open alert (triager of its organisation, or admin), whether or "
					+ "not the alert meets the rule's conditions: 202 with the ticket's id, synced in the background; "
					+ "asked again, the same ticket")
	@PostMapping("/api/v1/alerts/{id}/tickets")
	Mono<ResponseEntity<OpenedTicket>> open(@Parameter(description = "the alert's id") @PathVariable long id,
			@RequestBody TicketRequest request, AccessScope scope, Authentication caller) {
		return requests.open(id, request.rule(), scope.organizationArray(), TriageScope.of(caller))
			.map(ticket -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/tickets?alert=" + id))
				.body(new OpenedTicket(ticket)));
	}

	/** @param rule the name of the ticket rule whose channel and fields the ticket takes */
	record TicketRequest(@Nullable String rule) {
	}

	/** @param ticketId the ticket's id in {@code GET /api/v1/tickets} */
	record OpenedTicket(long ticketId) {
	}

	@Operation(operationId = "listTickets",
			summary = "Jira and GitHub Issues tickets, newest first, with their issue, state, attempts and last error")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status",
					schema = @Schema(type = "string", allowableValues = { "pending", "synced", "failed" }),
					description = "pending, synced or failed"),
			@Parameter(in = ParameterIn.QUERY, name = "channel",
					schema = @Schema(type = "string", allowableValues = { "jira", "github-issues" }),
					description = "jira or github-issues"),
			@Parameter(in = ParameterIn.QUERY, name = "alert",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "2147483647"),
					description = "only the tickets of this alert id"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/tickets")
	Mono<Page<TicketView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		int alert = query.number("alert", 0, 1, Integer.MAX_VALUE);
		return tickets
			.find(query.oneOf("status", Set.copyOf(TicketQueries.STATUSES)),
					query.oneOf("channel", Set.copyOf(TicketQueries.CHANNELS)), alert == 0 ? null : (long) alert,
					query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, TicketView::id));
	}

	@Operation(operationId = "retryTicket", summary = "Syncs a failed ticket again (admin); 404 when no failed ticket has that id")
	@PostMapping("/api/v1/tickets/{id}/retry")
	Mono<ResponseEntity<Void>> retry(@Parameter(description = "the ticket's id") @PathVariable long id) {
		return tickets.retry(id).map(retried -> {
			if (!retried) {
				throw ApiProblemException.notFound("no failed ticket " + id);
			}
			return ResponseEntity.accepted().<Void>build();
		});
	}

}
