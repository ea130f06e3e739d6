package dev.leakpath.webhook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
