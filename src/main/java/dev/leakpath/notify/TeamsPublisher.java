package dev.leakpath.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** A Microsoft Teams incoming webhook, as a MessageCard with its facts and link buttons. */
@Component
class TeamsPublisher implements NotificationPublisher {

	private final NotificationProperties.Hook hook;

	private final HttpPosts http;

	private final ObjectMapper json;

	TeamsPublisher(NotificationProperties properties, HttpPosts http, ObjectMapper json) {
		this.hook = properties.teams();
		this.http = http;
		this.json = json;
	}

	@Override
	public String channel() {
		return "teams";
	}

	@Override
	public boolean configured() {
		return hook.url() != null;
	}

	@Override
	public Mono<Void> publish(NotificationMessage message, String recipient) {
		List<Map<String, Object>> actions = new ArrayList<>();
		actions.add(openUri("Open in leakpath", message.dashboardUrl()));
		if (message.providerUrl() != null) {
			actions.add(openUri("Provider alert", message.providerUrl()));
		}
		List<Map<String, String>> facts = new ArrayList<>();
		message.facts().forEach((name, value) -> {
			// a digest's list of items is in its text already
			if (value != null && !(value instanceof Collection<?>)) {
				facts.add(Map.of("name", name, "value", String.valueOf(value)));
			}
		});
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("@type", "MessageCard");
		card.put("@context", "https://schema.org/extensions");
		card.put("summary", message.title());
		card.put("themeColor", "B42318");
		card.put("title", message.title());
		card.put("text", message.text());
		card.put("sections", List.of(Map.of("facts", facts)));
		card.put("potentialAction", actions);
		return Mono.fromCallable(() -> json.writeValueAsString(card))
			.flatMap(body -> http.post(channel(), hook.url(), body, headers -> {
			}));
	}

	private static Map<String, Object> openUri(String name, String uri) {
		return Map.of("@type", "OpenUri", "name", name, "targets", List.of(Map.of("os", "default", "uri", uri)));
	}

}
