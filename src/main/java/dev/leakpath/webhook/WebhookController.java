package dev.leakpath.webhook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code POST /webhooks/github} and {@code POST /webhooks/azure-devops}; each source authenticates its own. */
@RestController
class WebhookController {

	private final Map<String, WebhookSource> sources;

	private final WebhookIntake intake;

	WebhookController(List<WebhookSource> sources, WebhookIntake intake) {
		this.sources = sources.stream().collect(Collectors.toMap(WebhookSource::path, Function.identity()));
		this.intake = intake;
	}

	@PostMapping("/webhooks/{path}")
	Mono<ResponseEntity<Object>> receive(@PathVariable String path, ServerHttpRequest request) {
		WebhookSource source = sources.get(path);
		if (source == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No webhook endpoint " + path));
		}
		return intake.receive(source, request);
	}

}
