package dev.leakpath.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.DemoSecrets;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real browser: Debian's Chromium, driven by {@code src/test/browser/dashboard.test.mjs}
 * (playwright-core), against the demo (the fake GitHub and Azure DevOps of wiremock-mappings/, polled once).
 * Screenshots and each page's text land in {@code target/browser/}. On CI the browser must be there
 * ({@code .ci/run} installs it); elsewhere the test is skipped, saying why, when Chromium or the npm
 * package is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.demo.enabled=true", "leakpath.sync.schedule=false",
		"leakpath.github.token=", "leakpath.github.organizations=",
		"leakpath.notifications.enabled=false", "leakpath.api.tokens=" + DashboardBrowserTests.TOKEN,
		"leakpath.fingerprint-key=dashboard-test-fingerprint-key-0123456789abcdef" })
class DashboardBrowserTests {

	static final String TOKEN = "dashboard-test-admin-token";

	private static final Path SCRIPT = Path.of("src", "test", "browser", "dashboard.test.mjs");

	private static final Path PLAYWRIGHT = Path.of("src", "test", "browser", "node_modules", "playwright-core");

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	private static final Path OUT = Path.of("target", "browser");

	private static final TestPostgres postgres = TestPostgres.get();

	@Autowired
	private SyncService sync;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	/** Before the application starts, so that the demo inventory it loads on start stays. */
	@BeforeAll
	static void emptyDatabase() {
		postgres.truncateAll();
	}

	@Test
	void everyViewLoadsAnAttackPathLeadsToItsAlertAndNoPageShowsASecret() throws Exception {
		boolean ci = System.getenv("CI") != null;
		String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install chromium)"
				: !Files.isDirectory(PLAYWRIGHT) ? PLAYWRIGHT + " (npm ci --prefix src/test/browser)" : null;
		if (ci) {
			assertThat(missing).as("browser tests need " + missing).isNull();
		}
		assumeTrue(missing == null, () -> "skipped: no " + missing);
		sync.run("test").block();

		Files.createDirectories(OUT);
		// A browser request that never gets its answer has been seen, rarely, on CI (see the stop-12 note): a
		// second run tells a flake from a broken view, and the first run's log stays for whoever looks into it.
		String log = runBrowser("dashboard.log");
		if (!log.contains("dashboard: all views passed")) {
			System.err.println("Browser test: the first attempt failed, trying once more. Its log:\n" + log);
			Files.move(OUT.resolve("dashboard.log"), OUT.resolve("dashboard-first-attempt.log"),
					StandardCopyOption.REPLACE_EXISTING);
			log = runBrowser("dashboard.log");
		}
		assertThat(log).contains("dashboard: all views passed");

		List<String> pages = pageTexts();
		assertThat(pages).hasSizeGreaterThanOrEqualTo(10);
		List<String> secrets = DemoSecrets.all();
		assertThat(secrets).isNotEmpty();
		for (String text : pages) {
			assertThat(secrets).noneSatisfy(secret -> assertThat(text).contains(secret));
		}
	}

	/** Runs the Node script to its end (3 minutes at most); returns what it printed. */
	private String runBrowser(String logName) throws IOException, InterruptedException {
		ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true)
			.redirectOutput(OUT.resolve(logName).toFile());
		// an IPv4 address: "localhost" may resolve to ::1 first, where another process can listen on the same port
		node.environment().put("BASE_URL", "http://127.0.0.1:" + port);
		node.environment().put("API_TOKEN", TOKEN);
		node.environment().put("OUT_DIR", OUT.toAbsolutePath().toString());
		node.environment().put("CHROMIUM", CHROMIUM.toString());
		Process process = node.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			return Files.readString(OUT.resolve(logName)) + "\n(the browser test did not finish within 3 minutes)";
		}
		return Files.readString(OUT.resolve(logName)) + "\n(exit " + process.exitValue() + ")";
	}

	private static List<String> pageTexts() throws IOException {
		try (Stream<Path> files = Files.list(OUT.resolve("text"))) {
			return files.map(DashboardBrowserTests::read).toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
