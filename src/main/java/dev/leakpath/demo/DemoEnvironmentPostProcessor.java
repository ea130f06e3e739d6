package dev.leakpath.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no GitHub credentials configured, serves the fake GitHub of {@code wiremock-mappings/} and points
 * the connector at it, so that {@code ./mvnw spring-boot:run} shows leakpath working end to end.
 */
class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String DEMO_ORGANIZATIONS = "acme-corp,globex";

	private final Log log;

	DemoEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(DemoEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean credentials = StringUtils.hasText(environment.getProperty("leakpath.github.token"))
				|| StringUtils.hasText(environment.getProperty("leakpath.github.app.id"));
		if (credentials || !environment.getProperty("leakpath.demo.enabled", Boolean.class, true)) {
			return;
		}
		Path mappings = Path.of(environment.getProperty("leakpath.demo.mappings-dir", "wiremock-mappings"));
		if (!Files.isDirectory(mappings.resolve("mappings"))) {
			throw new IllegalStateException("No GitHub credentials are configured, so leakpath would run its demo, but "
					+ "the demo's fake GitHub is not at " + mappings.toAbsolutePath() + ". Set leakpath.github.token "
					+ "(or leakpath.github.app.*), or leakpath.demo.mappings-dir, or leakpath.demo.enabled=false.");
		}
		WireMockServer fakeGitHub = new WireMockServer(WireMockConfiguration.options()
			.port(environment.getProperty("leakpath.demo.port", Integer.class, 0))
			.bindAddress("127.0.0.1")
			.usingFilesUnderDirectory(mappings.toString())
			.disableRequestJournal()
			.notifier(new Slf4jNotifier(false)));
		fakeGitHub.start();
		application.addListeners((ContextClosedEvent event) -> fakeGitHub.stop());

		Map<String, Object> demo = new HashMap<>();
		demo.put("leakpath.github.api-url", fakeGitHub.baseUrl());
		demo.put("leakpath.github.token", "demo-token-for-the-fake-github");
		demo.put("leakpath.sync.initial-delay", "PT0S");
		if (!StringUtils.hasText(environment.getProperty("leakpath.github.organizations"))) {
			demo.put("leakpath.github.organizations", DEMO_ORGANIZATIONS);
		}
		String apiToken = environment.getProperty("leakpath.api.tokens");
		boolean generatedToken = !StringUtils.hasText(apiToken);
		if (generatedToken) {
			byte[] random = new byte[16];
			new SecureRandom().nextBytes(random);
			apiToken = "demo-" + HexFormat.of().formatHex(random);
			demo.put("leakpath.api.tokens", apiToken);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("leakpathDemo", demo));
		log.info("No GitHub credentials configured: running the demo against a fake GitHub at " + fakeGitHub.baseUrl());

		String token = apiToken;
		application.addListeners((ApplicationReadyEvent event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
			log.info("leakpath demo is up: http://localhost:" + port + "/api/v1/alerts"
					+ (generatedToken ? " with header 'Authorization: Bearer " + token + "'"
							: " with one of the configured leakpath.api.tokens"));
		});
	}

}
