package dev.leakpath.notify;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * POSTs a JSON body to a chat or webhook endpoint. 429 and 5xx, timeouts and connection errors are worth
 * another attempt; other statuses are not. The endpoint's URL (it holds Slack's and Teams' secret) is never in a
 * message.
 */
@Component
class HttpPosts {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final WebClient web;

	HttpPosts(WebClient.Builder builder) {
		this.web = builder.build();
	}

	Mono<Void> post(String channel, URI url, String json, Consumer<HttpHeaders> headers) {
		return web.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers)
			.bodyValue(json)
			.exchangeToMono(response -> {
				int status = response.statusCode().value();
				if (response.statusCode().is2xxSuccessful()) {
					return response.releaseBody();
				}
				boolean retryable = status == 429 || status >= 500;
				return response.releaseBody()
					.then(Mono.error(new DeliveryException(channel + " answered " + status, retryable, null)));
			})
			.timeout(TIMEOUT)
			.onErrorMap(WebClientRequestException.class,
					ex -> new DeliveryException(channel + " unreachable: " + ex.getMostSpecificCause().getClass().getSimpleName(),
							true, null))
			.onErrorMap(TimeoutException.class,
					ex -> new DeliveryException(channel + " did not answer within " + TIMEOUT.toSeconds() + " s", true, null));
	}

}
