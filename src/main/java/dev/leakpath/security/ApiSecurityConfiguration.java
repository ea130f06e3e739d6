package dev.leakpath.security;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * Who may do what:
 * <ul>
 * <li>{@code /api/**}: a bearer API token, or the session of a user signed in with OpenID Connect. Reading
 * needs the viewer role, triaging alerts the triager role, anything else the admin role (running an explorer
 * query is reading). A viewer scoped to organisations reads only what can be scoped (alerts, repositories,
 * secrets, recommendations, attack paths).</li>
 * <li>The dashboard's files, the OpenAPI document, health and Prometheus metrics are open; they hold no
 * data.</li>
 * <li>Webhook endpoints authenticate their senders themselves.</li>
 * </ul>
 * Requests on a session cookie need a CSRF token ({@code XSRF-TOKEN} cookie sent back as
 * {@code X-XSRF-TOKEN}); bearer requests do not, as no browser adds that header by itself.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

	private static final String BEARER = "Bearer ";

	/** Paths a viewer scoped to organisations cannot read: they span every organisation. */
	private static final String[] UNSCOPED_ONLY = { "/api/v1/assets/**", "/api/v1/explorer/**", "/api/v1/sync/**",
			"/api/v1/webhooks/**", "/api/v1/audit/**", "/api/v1/assets", "/api/v1/sync", "/api/v1/audit",
			"/api/v1/notifications/**", "/api/v1/notifications", "/api/v1/tickets/**", "/api/v1/tickets",
			"/api/v1/suppression/**" };

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ApiTokenProperties tokens,
			ObjectProvider<ReactiveClientRegistrationRepository> oidc, OidcProperties oidcProperties) {
		boolean signIn = oidc.getIfAvailable() != null;
		if (tokens.isEmpty() && !signIn) {
			log.warn("No leakpath.api tokens and no leakpath.oidc sign-in configured: every /api request will be refused");
		}
		http.addFilterAt(bearerTokens(tokens), SecurityWebFiltersOrder.AUTHENTICATION)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(unsafeCookieRequest())
				.accessDeniedHandler(ApiProblems::csrfMissing))
			.addFilterAfter(csrfCookieWriter(), SecurityWebFiltersOrder.CSRF)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			// the default handler only empties the session; invalidating it deletes its stored row too
			.logout(logout -> logout.logoutHandler(new DelegatingServerLogoutHandler(
					new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(redirectTo("/")))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(ApiProblems::unauthorized)
				.accessDeniedHandler(ApiProblems::forbidden))
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/prometheus", "/", "/index.html", "/app/**",
						"/favicon.svg", "/auth/options", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
						"/webjars/**", "/login/**", "/oauth2/**")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/me")
				.authenticated()
				.pathMatchers(UNSCOPED_ONLY)
				.access((caller, context) -> decide(caller, context, true))
				.pathMatchers("/api/**")
				.access((caller, context) -> decide(caller, context, false))
				.anyExchange()
				.denyAll());
		if (signIn) {
			RedirectServerAuthenticationFailureHandler failed = new RedirectServerAuthenticationFailureHandler(
					"/?signin=failed");
			http.oauth2Login(login -> login.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
				.authenticationFailureHandler((exchange, ex) -> {
					log.warn("Sign-in with {} failed: {}", oidcProperties.issuerUri(), ex.getMessage());
					return failed.onAuthenticationFailure(exchange, ex);
				}));
			log.info("Dashboard sign-in with OpenID Connect provider {}", oidcProperties.issuerUri());
		}
		return http.build();
	}

	private static Mono<AuthorizationDecision> decide(Mono<Authentication> caller, AuthorizationContext context,
			boolean unscopedOnly) {
		Role role = RequiredRoles.of(context.getExchange().getRequest());
		return caller.map(authentication -> {
			AccessScope scope = AccessScope.of(authentication);
			boolean scopeAllows = unscopedOnly ? scope.isAll() : !scope.isNone();
			// a triager granted no organisation triages nothing; which alerts it may triage the request decides
			boolean triageAllows = role != Role.TRIAGER || !TriageScope.of(authentication).isNone();
			return new AuthorizationDecision(Callers.has(authentication, role) && scopeAllows && triageAllows);
		}).defaultIfEmpty(new AuthorizationDecision(false));
	}

	private static AuthenticationWebFilter bearerTokens(ApiTokenProperties tokens) {
		AuthenticationWebFilter bearer = new AuthenticationWebFilter(new ApiTokenAuthenticationManager(tokens));
		bearer.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(bearerHeader(exchange))
			.map(token -> UsernamePasswordAuthenticationToken.unauthenticated("api-token", token)));
		bearer.setAuthenticationFailureHandler(
				(filterExchange, ex) -> ApiProblems.unauthorized(filterExchange.getExchange(), ex));
		return bearer;
	}

	/** The token of an {@code Authorization: Bearer} header, or null. */
	private static String bearerHeader(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return header.substring(BEARER.length()).strip();
	}

	/** Unsafe methods without a bearer token: only those can ride on a session cookie. */
	private static ServerWebExchangeMatcher unsafeCookieRequest() {
		return exchange -> {
			HttpMethod method = exchange.getRequest().getMethod();
			boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
			boolean bearer = bearerHeader(exchange) != null;
			return safe || bearer ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match();
		};
	}

	/** The CSRF token is made lazily; asking for it makes the repository set the cookie the dashboard reads. */
	private static WebFilter csrfCookieWriter() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
		};
	}

	private static RedirectServerLogoutSuccessHandler redirectTo(String location) {
		RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
		handler.setLogoutSuccessUrl(URI.create(location));
		return handler;
	}

}
