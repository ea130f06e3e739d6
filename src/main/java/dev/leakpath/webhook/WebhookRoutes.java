package dev.leakpath.webhook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/azure-devops}; each source authenticates its own
 * senders. A functional route: the intake is the hottest path, and this skips the annotated-controller
 * machinery.
 */
@Configuration(proxyBeanMethods = false)
class WebhookRoutes {

	/** What the intake answers a delivery it took, or a ping (the schema is OpenApiConfiguration's). */
	private static final String ANSWER = "#/components/schemas/WebhookAnswer";

	@Bean
	@RouterOperations({
			@RouterOperation(path = "/webhooks/github", method = RequestMethod.POST,
					operation = @Operation(operationId = "receiveGitHubWebhook", tags = "webhooks",
							summary = "GitHub secret_scanning_alert and secret_scanning_alert_location deliveries",
							description = "Verified with X-Hub-Signature-256 (leakpath.github.webhook-secret); 404 "
									+ "while that is unset. Stored, then processed by the inbox worker.",
							security = {},
							parameters = {
									@Parameter(in = ParameterIn.HEADER, name = "X-GitHub-Event", required = true,
											description = "The event, such as secret_scanning_alert or ping",
											schema = @Schema(type = "string")),
									@Parameter(in = ParameterIn.HEADER, name = "X-GitHub-Delivery", required = true,
											description = "The delivery's id, the same when GitHub delivers it again",
											schema = @Schema(type = "string")),
									@Parameter(in = ParameterIn.HEADER, name = "X-Hub-Signature-256", required = true,
											description = "sha256= and the HMAC-SHA256 of the body with the webhook secret",
											schema = @Schema(type = "string", pattern = "^sha256=[0-9a-f]{64}$")) },
							requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
									schema = @Schema(type = "object", description = "GitHub's webhook payload"))),
							responses = {
									@ApiResponse(responseCode = "202", description = "stored, duplicate or ignored",
											content = @Content(mediaType = "application/json", schema = @Schema(ref = ANSWER))),
									@ApiResponse(responseCode = "200", description = "ping",
											content = @Content(mediaType = "application/json", schema = @Schema(ref = ANSWER))),
									@ApiResponse(responseCode = "400", description = "not an alert delivery, or not storable"),
									@ApiResponse(responseCode = "401", description = "bad signature"),
									@ApiResponse(responseCode = "404", description = "no webhook secret is set"),
									@ApiResponse(responseCode = "413", description = "over max-body-size"),
									@ApiResponse(responseCode = "503", description = "database down or intake busy; deliver again after Retry-After") })),
			@RouterOperation(path = "/webhooks/azure-devops", method = RequestMethod.POST,
					operation = @Operation(operationId = "receiveAzureDevOpsServiceHook", tags = "webhooks",
							summary = "Azure DevOps ms.vss-alerts.* service-hook deliveries",
							description = "Basic auth with leakpath.azure-devops.webhook.username/password; 404 "
									+ "while the password is unset. Stored, then processed by the inbox worker.",
							security = @SecurityRequirement(name = "azureDevOpsServiceHook"),
							requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
									schema = @Schema(type = "object", description = "The service hook's event"))),
							responses = {
									@ApiResponse(responseCode = "202", description = "stored, duplicate or ignored",
											content = @Content(mediaType = "application/json", schema = @Schema(ref = ANSWER))),
									@ApiResponse(responseCode = "400", description = "not an alert delivery, or not storable"),
									@ApiResponse(responseCode = "401", description = "bad credentials"),
									@ApiResponse(responseCode = "404", description = "no service-hook password is set"),
									@ApiResponse(responseCode = "413", description = "over max-body-size"),
									@ApiResponse(responseCode = "503", description = "database down or intake busy; deliver again after Retry-After") })) })
	RouterFunction<ServerResponse> webhookEndpoints(List<WebhookSource> sources, WebhookIntake intake) {
		Map<String, WebhookSource> byPath = sources.stream()
			.collect(Collectors.toMap(WebhookSource::path, Function.identity()));
		return RouterFunctions.route(RequestPredicates.POST("/webhooks/{path}"), request -> {
			WebhookSource source = byPath.get(request.pathVariable("path"));
			if (source == null) {
				return ServerResponse.notFound().build();
			}
			return intake.receive(source, request.exchange().getRequest())
				.flatMap(answer -> ServerResponse.status(answer.getStatusCode())
					.headers(headers -> headers.addAll(answer.getHeaders()))
					.bodyValue(answer.getBody()));
		});
	}

}
