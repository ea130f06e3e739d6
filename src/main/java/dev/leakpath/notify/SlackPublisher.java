package dev.leakpath.notify;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** A Slack incoming webhook: the title in bold, the text, and links in Slack's own markup. */
@Component
class SlackPublisher implements NotificationPublisher {

	private final NotificationProperties.Hook hook;

	private final HttpPosts http;

	private final ObjectMapper json;

	SlackPublisher(NotificationProperties properties, HttpPosts http, ObjectMapper json) {
		this.hook = properties.slack();
		this.http = http;
		this.json = json;
	}

	@Override
	public String channel() {
		return "slack";
	}

	@Override
	public boolean configured() {
		return hook.url() != null;
	}

	@Override
	public Mono<Void> publish(NotificationMessage message, String recipient) {
		String links = "<" + message.dashboardUrl() + "|Open in leakpath>"
				+ (message.providerUrl() == null ? "" : " · <" + message.providerUrl() + "|Provider alert>");
		String text = "*" + escape(message.title()) + "*\n" + escape(message.text()) + "\n" + links;
		return Mono.fromCallable(() -> json.writeValueAsString(Map.of("text", text)))
			.flatMap(body -> http.post(channel(), hook.url(), body, headers -> {
			}));
	}

	/** Slack reads {@code & < >} as markup. */
	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
