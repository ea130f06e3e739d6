package dev.leakpath.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link HttpTimeoutProperties} on Reactor Netty's server. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpTimeoutProperties.class)
class HttpTimeoutConfiguration {

	@Bean
	NettyServerCustomizer httpTimeouts(HttpTimeoutProperties timeouts) {
		return server -> server.readTimeout(timeouts.readTimeout()).requestTimeout(timeouts.requestTimeout());
	}

}
