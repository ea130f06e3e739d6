package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.webhook.WebhookDeliveries;
import dev.leakpath.webhook.WebhookDeliveryView;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "webhooks")
@RestController
class WebhookDeliveryController {

	private static final Set<String> PARAMETERS = Set.of("status", "provider", "limit", "cursor");

	private final WebhookDeliveries deliveries;

	WebhookDeliveryController(WebhookDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Operation(operationId = "listWebhookDeliveries", summary = "Stored webhook deliveries and their processing")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(type = "string", allowableValues = { "pending", "done", "failed" }),
					description = "pending, done or failed"),
			@Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping("/api/v1/webhooks/deliveries")
	Mono<Page<WebhookDeliveryView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return deliveries
			.find(query.oneOf("status", WebhookDeliveries.STATUSES), query.oneOf("provider", AlertController.PROVIDERS),
					query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, WebhookDeliveryView::id));
	}

	/** Sends a parked (failed) delivery through the worker again. */
	@Operation(operationId = "retryWebhookDelivery", summary = "Processes a failed delivery again (admin)",
			responses = @ApiResponse(responseCode = "202", description = "queued again, with a fresh attempt budget",
					content = @Content(schema = @Schema(implementation = RetriedDelivery.class))))
	@PostMapping("/api/v1/webhooks/deliveries/{id}/retry")
	Mono<ResponseEntity<RetriedDelivery>> retry(
			@Parameter(description = "the delivery's id") @PathVariable long id) {
		return deliveries.retry(id).map(requeued -> {
			if (!requeued) {
				throw ApiProblemException.notFound("no failed webhook delivery has id " + id);
			}
			return ResponseEntity.accepted().body(new RetriedDelivery(id, "pending"));
		});
	}

	/** @param status {@code pending}: the worker takes it up again */
	record RetriedDelivery(long id, String status) {
	}

}
