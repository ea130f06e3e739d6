package dev.leakpath.api;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Database outages before any controller runs: a request on a session cookie reads its session from PostgreSQL
 * in the security filters. It gets the API's 503 too, instead of Spring Boot's 500 with a stack trace logged per
 * request; the session cookie is left as it is, so the user is still signed in once the database is back.
 */
@Component
// before Spring Boot's error handler (order -1)
@Order(-2)
class DatabaseOutageExceptionHandler implements WebExceptionHandler {

	private final DatabaseOutageAnswers outages;

	private final ObjectMapper json;

	DatabaseOutageExceptionHandler(DatabaseOutageAnswers outages, ObjectMapper json) {
		this.outages = outages;
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!DatabaseOutages.isOutage(ex) || response.isCommitted()) {
			return Mono.error(ex);
		}
		ResponseEntity<ProblemDetail> answer = outages.answer(ex);
		ProblemDetail problem = answer.getBody();
		// as WebFlux does for a controller's problem
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		try {
			byte[] body = json.writeValueAsBytes(problem);
			response.setStatusCode(answer.getStatusCode());
			response.getHeaders().putAll(answer.getHeaders());
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		}
		catch (JsonProcessingException serialization) {
			ex.addSuppressed(serialization);
			return Mono.error(ex);
		}
	}

}
