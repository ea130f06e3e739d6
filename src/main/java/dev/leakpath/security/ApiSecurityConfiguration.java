package dev.leakpath.security;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * {@code /api/**} needs {@code Authorization: Bearer <token>}; health and Prometheus metrics are open;
 * webhook endpoints authenticate their senders themselves; everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

	private static final String BEARER = "Bearer ";

	/**
	 * Webhook endpoints check their senders' own credentials (a signature, Basic auth); a chain of their
	 * own spares each delivery the API's authentication filters.
	 */
	@Bean
	@Order(0)
	SecurityWebFilterChain webhookSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/webhooks/*"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
			.build();
	}

	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ApiTokenProperties properties) {
		if (properties.tokens().isEmpty()) {
			log.warn("No leakpath.api.tokens configured: every /api request will be refused");
		}
		AuthenticationWebFilter bearer = new AuthenticationWebFilter(
				new ApiTokenAuthenticationManager(properties.tokens()));
		bearer.setServerAuthenticationConverter(exchange -> {
			String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return Mono.empty();
			}
			String token = header.substring(BEARER.length()).strip();
			return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("api-token", token));
		});
		bearer.setAuthenticationFailureHandler(
				(filterExchange, ex) -> unauthorized(filterExchange.getExchange().getResponse()));
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange.getResponse())))
			.authorizeExchange(exchanges -> exchanges.pathMatchers("/actuator/health/**", "/actuator/prometheus")
				.permitAll()
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.denyAll())
			.build();
	}

	private static Mono<Void> unauthorized(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		byte[] body = """
				{"type":"about:blank","title":"Unauthorized","status":401,\
				"detail":"Send a valid API token as 'Authorization: Bearer <token>'"}"""
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
