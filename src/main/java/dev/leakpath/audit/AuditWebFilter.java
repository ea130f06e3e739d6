package dev.leakpath.audit;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.security.Callers;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records every change made through the API (any method but GET and HEAD, except running an explorer
 * query) once it is answered, with who made it and the status. Runs inside the security filters, so a
 * refused request (401, 403) never gets here and is not recorded.
 */
@Component
class AuditWebFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditWebFilter.class);

	private final AuditLog audit;

	AuditWebFilter(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isChange(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).then(Mono.defer(() -> record(exchange)));
	}

	private Mono<Void> record(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		Integer status = exchange.getResponse().getStatusCode() == null ? null
				: exchange.getResponse().getStatusCode().value();
		return exchange.getPrincipal()
			.cast(Authentication.class)
			.flatMap(caller -> audit.record(Callers.name(caller), request.getMethod().name(),
					request.getPath().pathWithinApplication().value(), status,
					remote == null ? null : remote.getAddress().getHostAddress()))
			.onErrorResume(ex -> {
				log.error("Could not record {} {} in the audit log", request.getMethod(), request.getPath(), ex);
				return Mono.empty();
			});
	}

	private static boolean isChange(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		HttpMethod method = request.getMethod();
		return path.startsWith("/api/") && method != HttpMethod.GET && method != HttpMethod.HEAD
				&& method != HttpMethod.OPTIONS && !path.equals("/api/v1/explorer/query");
	}

}
