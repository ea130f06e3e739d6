package dev.leakpath.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

/**
 * The served OpenAPI document is what the build's tools accept: it is the committed snapshot the Java client is
 * generated from ({@code src/test/contract/openapi.json}, see the pom's openapi-generator execution), swagger-parser
 * validates it without a message, and Redocly CLI lints it without an error or a warning.
 */
class OpenApiContractTests extends IntegrationTest {

	static final Path SNAPSHOT = Path.of("src", "test", "contract", "openapi.json");

	private static final Path SERVED = Path.of("target", "openapi", "openapi.json");

	private static final Path REDOCLY = Path.of("src", "test", "contract", "node_modules", "@redocly", "cli", "bin",
			"cli.js");

	private static final Path REDOCLY_CONFIG = Path.of("src", "test", "contract", "redocly.yaml");

	private final ObjectMapper json = new ObjectMapper();

	private String served;

	@BeforeEach
	void serve() throws IOException {
		// springdoc builds the document on the first request: seconds on two cores
		served = new String(web.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs")
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
				StandardCharsets.UTF_8);
		Files.createDirectories(SERVED.getParent());
		Files.writeString(SERVED, json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(served)) + "\n");
	}

	@Test
	void servedDocumentIsTheSnapshotTheClientIsGeneratedFrom() throws IOException {
		List<String> differences = JsonDifferences.between(json.readTree(SNAPSHOT.toFile()), json.readTree(served));

		assertThat(differences).as("the served document differs from " + SNAPSHOT + " at these places; if the "
				+ "change is meant, copy " + SERVED + " there, and the client is generated again from it").isEmpty();
	}

	@Test
	void swaggerParserValidatesTheDocumentWithoutAMessage() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIParser().readContents(served, null, options);

		assertThat(result.getOpenAPI()).isNotNull();
		assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
		assertThat(result.getMessages()).isEmpty();
	}

	@Test
	void redoclyLintsTheDocumentWithoutAnErrorOrAWarning() throws IOException, InterruptedException {
		if (System.getenv("CI") != null) {
			assertThat(REDOCLY).as("npm ci --prefix src/test/contract").exists();
		}
		assumeTrue(Files.exists(REDOCLY), () -> "skipped: no " + REDOCLY + " (npm ci --prefix src/test/contract)");
		ProcessBuilder lint = new ProcessBuilder("node", REDOCLY.toString(), "lint", SERVED.toString(), "--config",
				REDOCLY_CONFIG.toString(), "--format", "stylish").redirectErrorStream(true);
		// no telemetry and no check for a newer version: the build reaches no network
		lint.environment().put("REDOCLY_TELEMETRY", "off");
		lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
		Process process = lint.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("redocly lint finished").isTrue();

		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).as(output).contains("Your API description is valid").doesNotContain("warning");
	}

}
