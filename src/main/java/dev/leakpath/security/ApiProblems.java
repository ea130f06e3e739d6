package dev.leakpath.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/** The 401 and 403 problem responses of the security filters, which run before the API's own handler. */
final class ApiProblems {

	private static final WebSessionServerSecurityContextRepository SESSIONS = new WebSessionServerSecurityContextRepository();

	private ApiProblems() {
	}

	static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "Unauthorized",
				"Send a valid API token as 'Authorization: Bearer <token>', or sign in to the dashboard");
	}

	static Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException ex) {
		String role = RequiredRoles.of(exchange.getRequest()).name().toLowerCase();
		return write(exchange.getResponse(), HttpStatus.FORBIDDEN, "Forbidden", "This request needs the " + role
				+ " role" + (role.equals("triager") ? " for at least one organisation" : "")
				+ "; a viewer scoped to organisations reads only alerts, repositories, secrets, "
				+ "recommendations and attack paths");
	}

	/**
	 * The CSRF check runs before authentication; a request with no signed-in session is unauthenticated (401),
	 * whatever its method, and only a session's change without the token is forbidden.
	 */
	static Mono<Void> csrfMissing(ServerWebExchange exchange, AccessDeniedException ex) {
		return SESSIONS.load(exchange)
			.filter(context -> context.getAuthentication() != null && context.getAuthentication().isAuthenticated())
			.flatMap(context -> write(exchange.getResponse(), HttpStatus.FORBIDDEN, "Forbidden",
					"A change on a signed-in session needs the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header"))
			.switchIfEmpty(Mono.defer(() -> unauthorized(exchange, null)));
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String title, String detail) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + detail + "\"}";
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

}
