package dev.leakpath.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Request bodies are read by the application's mapper plus {@link NulRejectingModule}. A copy: the mapper
 * itself also reads what providers and webhook senders send, which is no caller's input to refuse here.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE) // after Boot's codec customizers, which would set the plain mapper again
class JsonBodyConfiguration implements WebFluxConfigurer {

	private final ObjectMapper mapper;

	JsonBodyConfiguration(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		ObjectMapper bodies = mapper.copy().registerModule(new NulRejectingModule());
		configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(bodies));
	}

}
