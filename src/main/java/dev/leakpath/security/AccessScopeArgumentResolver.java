package dev.leakpath.security;

import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/** Lets a controller method take the caller's {@link AccessScope} as a parameter. */
final class AccessScopeArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AccessScope.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		// the security filters let no unauthenticated request reach a scoped endpoint
		return exchange.getPrincipal()
			.cast(Authentication.class)
			.map(AccessScope::of)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("no caller on a secured endpoint")))
			.cast(Object.class);
	}

}
