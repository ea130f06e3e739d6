package dev.leakpath.dashboard;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the dashboard ({@code classpath:dashboard/}: {@code index.html} at {@code /}, its modules under
 * {@code /app/}) from memory. The files are few and small; read once at start-up, they cost no disk read on a
 * request thread, and no {@code sendfile}, which was seen to stall a module's response for 15 s in the browser
 * test.
 */
@Configuration(proxyBeanMethods = false)
class DashboardRoutes {

	private static final Map<String, MediaType> TYPES = Map.of("html", MediaType.parseMediaType("text/html;charset=UTF-8"),
			"js", MediaType.parseMediaType("text/javascript;charset=UTF-8"),
			"css", MediaType.parseMediaType("text/css;charset=UTF-8"), "svg", MediaType.parseMediaType("image/svg+xml"));

	@Bean
	RouterFunction<ServerResponse> dashboardFiles() throws IOException {
		Map<String, Asset> assets = load();
		Asset index = assets.get("/index.html");
		return RouterFunctions.route(RequestPredicates.GET("/"), request -> serve(index))
			.andRoute(RequestPredicates.GET("/index.html"), request -> serve(index))
			.andRoute(RequestPredicates.GET("/favicon.svg"), request -> serve(assets.get("/favicon.svg")))
			.andRoute(RequestPredicates.GET("/app/**"), request -> {
				Asset asset = assets.get(request.path());
				return asset == null ? ServerResponse.notFound().build() : serve(asset);
			});
	}

	private static Mono<ServerResponse> serve(Asset asset) {
		return ServerResponse.ok().contentType(asset.type()).bodyValue(asset.bytes());
	}

	private static Map<String, Asset> load() throws IOException {
		Map<String, Asset> assets = new HashMap<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		Resource root = resolver.getResource("classpath:dashboard/");
		String base = root.getURL().toString();
		for (Resource resource : resolver.getResources("classpath:dashboard/**/*.*")) {
			String path = "/" + resource.getURL().toString().substring(base.length());
			String extension = path.substring(path.lastIndexOf('.') + 1);
			MediaType type = TYPES.get(extension);
			if (type != null) {
				assets.put(path, new Asset(resource.getContentAsByteArray(), type));
			}
		}
		if (!assets.containsKey("/index.html")) {
			throw new IllegalStateException("The dashboard's index.html is missing from the classpath (dashboard/)");
		}
		return assets;
	}

	private record Asset(byte[] bytes, MediaType type) {
	}

}
