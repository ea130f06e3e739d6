package dev.leakpath.webhook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

	@Bean
	@RouterOperations({
			@RouterOperation(path = "/webhooks/github", method = RequestMethod.POST,
					operation = @Operation(operationId = "receiveGitHubWebhook", tags = "webhooks",
							summary = "GitHub secret_scanning_alert and secret_scanning_alert_location deliveries",
							description = "Verified with X-Hub-Signature-256 (leakpath.github.webhook-secret); 404 "
									+ "while that is unset. Stored, then processed by the inbox worker.",
							security = {}, responses = {
									@ApiResponse(responseCode = "202", description = "stored, duplicate or ignored"),
									@ApiResponse(responseCode = "200", description = "ping"),
									@ApiResponse(responseCode = "400", description = "not an alert delivery, or not storable"),
									@ApiResponse(responseCode = "401", description = "bad signature"),
									@ApiResponse(responseCode = "413", description = "over max-body-size"),
									@ApiResponse(responseCode = "503", description = "database down or intake busy; deliver again after Retry-After") })),
			@RouterOperation(path = "/webhooks/azure-devops", method = RequestMethod.POST,
					operation = @Operation(operationId = "receiveAzureDevOpsServiceHook", tags = "webhooks",
							summary = "Azure DevOps ms.vss-alerts.* service-hook deliveries",
							description = "Basic auth with leakpath.azure-devops.webhook.username/password; 404 "
									+ "while the password is unset. Stored, then processed by the inbox worker.",
							security = {}, responses = {
									@ApiResponse(responseCode = "202", description = "stored, duplicate or ignored"),
									@ApiResponse(responseCode = "400", description = "not an alert delivery, or not storable"),
									@ApiResponse(responseCode = "401", description = "bad credentials"),
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
