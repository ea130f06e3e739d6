package dev.leakpath.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.leakpath.LeakpathApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code ./mvnw spring-boot:run}: the demo profile, and nothing else set, makes up all it needs. */
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileTests {

	@Test
	void startWhenDemoProfileAloneThenEmbeddedDatabaseFakeProvidersKeyAndTokenAreMadeUp(CapturedOutput output,
			@TempDir Path data) throws IOException {
		Path keyFile = data.resolve("fingerprint.key");
		try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(LeakpathApplication.class).run(
				"--spring.profiles.active=demo", "--server.port=0", "--leakpath.sync.schedule=false",
				"--leakpath.notifications.enabled=false",
				// what spring-boot:run keeps under data/, kept out of the working tree
				"--leakpath.database.embedded.data-dir=" + data.resolve("postgres"),
				"--leakpath.fingerprint-key-file=" + keyFile,
				// whatever the environment running the tests may set
				"--leakpath.fingerprint-key=", "--leakpath.api.tokens=", "--leakpath.github.token=")) {
			Environment environment = demo.getEnvironment();
			assertThat(environment.getProperty("spring.r2dbc.url")).startsWith("r2dbc:postgresql://localhost:");
			assertThat(Files.readString(keyFile)).hasSize(64);
			String token = environment.getProperty("leakpath.api.tokens");
			assertThat(token).startsWith("demo-");
			assertThat(output.getAll()).contains("sign in (or send 'Authorization: Bearer <token>') with the admin "
					+ "token " + token);

			// the demo's polling itself is DemoTests' subject
			WebTestClient.bindToServer()
				.baseUrl(environment.getProperty("leakpath.github.api-url"))
				.build()
				.get()
				.uri("/__admin/health")
				.exchange()
				.expectStatus()
				.isOk();
			WebTestClient web = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + environment.getProperty("local.server.port"))
				.build();
			// readiness includes the database
			web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			web.get()
				.uri("/api/v1/alerts")
				.headers(headers -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

}
