package dev.leakpath.audit;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.security.Callers;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records every change made through the API (any method but GET and HEAD, except running an explorer
 * query), with who made it and the status. The record is written before the response commits, so it exists
 * once the caller has its answer; a caller that goes away before the answer leaves a record without status.
 * Runs inside the security filters, so a refused request (401, 403) never gets here and is not recorded.
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
		// the caller is read now, in the chain's context: Spring Security keeps it in the Reactor context,
		// which the commit does not carry
		return exchange.getPrincipal().cast(Authentication.class).map(Optional::of).defaultIfEmpty(Optional.empty())
			.flatMap(found -> found.isEmpty() ? chain.filter(exchange) : audited(exchange, chain, found.get()));
	}

	private Mono<Void> audited(ServerWebExchange exchange, WebFilterChain chain, Authentication caller) {
		AtomicBoolean recorded = new AtomicBoolean();
		exchange.getResponse()
			.beforeCommit(() -> recordOnce(exchange, caller, recorded, exchange.getResponse().getStatusCode()));
		// the handler is cancelled when its client disconnects: the change may have been made all the same
		return chain.filter(exchange).doOnCancel(() -> recordOnce(exchange, caller, recorded, null).subscribe());
	}

	private Mono<Void> recordOnce(ServerWebExchange exchange, Authentication caller, AtomicBoolean recorded,
			HttpStatusCode status) {
		if (!recorded.compareAndSet(false, true)) {
			return Mono.empty();
		}
		// started now and not cancelled with the response: a client leaving mid-insert still leaves its record
		return Mono.fromFuture(record(exchange, caller, status == null ? null : status.value()).toFuture(), true);
	}

	private Mono<Void> record(ServerWebExchange exchange, Authentication caller, Integer status) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		return audit
			.record(Callers.name(caller), request.getMethod().name(), request.getPath().pathWithinApplication().value(),
					status, remote == null ? null : remote.getAddress().getHostAddress())
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
