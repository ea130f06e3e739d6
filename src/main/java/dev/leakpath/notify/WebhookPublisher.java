package dev.leakpath.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A generic outbound webhook. The body is JSON; {@code X-Leakpath-Signature-256} is {@code sha256=} and the hex
 * HMAC-SHA256, under the configured secret, of {@code <X-Leakpath-Timestamp>.<body>}. A receiver recomputes it
 * and refuses a timestamp more than a few minutes old, so a captured delivery cannot be replayed.
 */
@Component
class WebhookPublisher implements NotificationPublisher {

	static final String SIGNATURE = "X-Leakpath-Signature-256";

	static final String TIMESTAMP = "X-Leakpath-Timestamp";

	private final NotificationProperties.SignedHook hook;

	private final HttpPosts http;

	private final ObjectMapper json;

	private final Clock clock;

	WebhookPublisher(NotificationProperties properties, HttpPosts http, ObjectMapper json, Clock clock) {
		this.hook = properties.webhook();
		this.http = http;
		this.json = json;
		this.clock = clock;
		if (hook.url() != null && (hook.secret() == null || hook.secret().length() < 16)) {
			throw new IllegalStateException(
					"leakpath.notifications.webhook.url is set, so webhook.secret needs at least 16 characters");
		}
	}

	@Override
	public String channel() {
		return "webhook";
	}

	@Override
	public boolean configured() {
		return hook.url() != null;
	}

	@Override
	public Mono<Void> publish(NotificationMessage message, String recipient) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("notificationId", message.notificationId());
		body.put("event", message.kind());
		body.put("title", message.title());
		body.put("text", message.text());
		body.put("dashboardUrl", message.dashboardUrl());
		body.put("providerUrl", message.providerUrl());
		body.put("facts", message.facts());
		return Mono.fromCallable(() -> json.writeValueAsString(body)).flatMap(payload -> {
			String timestamp = String.valueOf(clock.instant().getEpochSecond());
			String signature = "sha256=" + hmac(hook.secret(), timestamp + "." + payload);
			return http.post(channel(), hook.url(), payload, headers -> {
				headers.set(TIMESTAMP, timestamp);
				headers.set(SIGNATURE, signature);
				headers.set("X-Leakpath-Event", message.kind());
				headers.set("X-Leakpath-Delivery", String.valueOf(message.notificationId()));
			});
		});
	}

	static String hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
