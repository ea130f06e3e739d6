package dev.leakpath.ticket;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Sends one request to a tracker and answers its response, whatever the status; the tracker reads the status. A
 * connection that fails or an answer that does not come within {@link #TIMEOUT} is a retryable
 * {@link TicketException}. The credentials travel in the {@code Authorization} header only, never in a message.
 */
@Component
class TrackerHttp {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** A search page of 100 GitHub issues with long bodies stays well under this. */
	private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

	private final WebClient web;

	private final ObjectMapper json;

	TrackerHttp(WebClient.Builder builder, ObjectMapper json) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
			.responseTimeout(TIMEOUT);
		this.web = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES))
			.defaultHeader(HttpHeaders.USER_AGENT, "leakpath")
			.build();
		this.json = json;
	}

	/**
	 * @param what the call as messages name it ({@code POST /rest/api/3/issue})
	 * @param headers more headers ({@code Accept}, GitHub's API version)
	 * @param body JSON to send, or null
	 */
	Mono<TrackerResponse> send(String what, HttpMethod method, URI uri, String authorization, HttpHeaders headers,
			Object body) {
		WebClient.RequestBodySpec request = web.method(method).uri(uri).headers(all -> {
			all.addAll(headers);
			if (authorization != null && !authorization.isEmpty()) {
				all.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}
		return request
			.exchangeToMono(response -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map(text -> new TrackerResponse(response.statusCode().value(), response.headers().asHttpHeaders(),
						parse(text))))
			.timeout(TIMEOUT.plusSeconds(5))
			.onErrorMap(WebClientRequestException.class, ex -> new TicketException(what + " did not reach "
					+ uri.getHost() + ": " + ex.getMostSpecificCause().getClass().getSimpleName(), true, null))
			.onErrorMap(TimeoutException.class,
					ex -> new TicketException(what + " got no answer within " + TIMEOUT.toSeconds() + " s", true, null))
			.onErrorMap(ex -> !(ex instanceof TicketException), ex -> new TicketException(what + " failed: "
					+ ex.getClass().getSimpleName(), true, null));
	}

	private JsonNode parse(String text) {
		if (text.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			// an HTML error page of a proxy: the status says what happened
			return MissingNode.getInstance();
		}
	}

}
