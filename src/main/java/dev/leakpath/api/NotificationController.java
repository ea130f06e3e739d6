package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.notify.NotificationQueries;
import dev.leakpath.notify.NotificationRule;
import dev.leakpath.notify.NotificationRuleStore;
import dev.leakpath.notify.NotificationView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "notifications")
@RestController
class NotificationController {

	private static final Set<String> PARAMETERS = Set.of("status", "channel", "limit", "cursor");

	private static final Set<String> CHANNELS = Set.of("email", "slack", "teams", "webhook");

	private final NotificationQueries notifications;

	private final NotificationRuleStore rules;

	NotificationController(NotificationQueries notifications, NotificationRuleStore rules) {
		this.notifications = notifications;
		this.rules = rules;
	}

	@Operation(operationId = "listNotificationRules", summary = "Notification rules, from config and added here")
	@GetMapping("/api/v1/notifications/rules")
	Mono<Items<NotificationRuleStore.StoredRule>> rules() {
		return rules.all().map(Items::new);
	}

	@Operation(operationId = "addNotificationRule",
			summary = "Adds a rule (admin); 400 when it is wrong, 409 when its name is taken",
			responses = { @ApiResponse(responseCode = "201", description = "added",
					content = @Content(schema = @Schema(implementation = NotificationRule.class))),
					@ApiResponse(responseCode = "409", description = "a rule has that name") })
	@PostMapping("/api/v1/notifications/rules")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<NotificationRule> addRule(@RequestBody NotificationRule rule) {
		return rules.add(rule)
			.onErrorMap(IllegalArgumentException.class, ex -> ApiProblemException.badRequest(ex.getMessage()))
			.onErrorMap(IllegalStateException.class,
					ex -> ApiProblemException.conflict(ex.getMessage()));
	}

	@Operation(operationId = "deleteNotificationRule",
			summary = "Deletes a rule added here (admin); a config rule is 409, an unknown one 404",
			responses = { @ApiResponse(responseCode = "204", description = "deleted"),
					@ApiResponse(responseCode = "409", description = "the rule is in config; change it there") })
	@DeleteMapping("/api/v1/notifications/rules/{name}")
	Mono<ResponseEntity<Void>> deleteRule(@Parameter(description = "the rule's name") @PathVariable String name) {
		if (rules.isConfigured(name)) {
			throw ApiProblemException.conflict("rule '" + name + "' is in config; change it there");
		}
		return rules.delete(name).map(deleted -> {
			if (!deleted) {
				throw ApiProblemException.notFound("no rule named '" + name + "'");
			}
			return ResponseEntity.noContent().<Void>build();
		});
	}

	@Operation(operationId = "listNotifications",
			summary = "Notifications sent, pending and failed, newest first, with attempts and the last error")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(type = "string", allowableValues = { "pending", "sent", "failed" }),
					description = "pending, sent or failed"),
			@Parameter(in = ParameterIn.QUERY, name = "channel", schema = @Schema(type = "string", allowableValues = { "email", "slack", "teams", "webhook" }),
					description = "email, slack, teams or webhook"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/notifications")
	Mono<Page<NotificationView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return notifications
			.find(query.oneOf("status", Set.copyOf(NotificationQueries.STATUSES)), query.oneOf("channel", CHANNELS),
					query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, NotificationView::id));
	}

}
