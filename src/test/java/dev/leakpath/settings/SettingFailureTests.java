package dev.leakpath.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad setting stops the application with one line naming it, not a stack trace, and never its value. */
@ExtendWith(OutputCaptureExtension.class)
class SettingFailureTests {

	private static final String SHORT_KEY = "short-fingerprint-key";

	/** Unset whatever the environment running the tests may set. */
	private static final List<String> NO_DATABASE = List.of("--spring.r2dbc.url=", "--spring.flyway.url=");

	private static final List<String> NO_KEY = List.of("--leakpath.fingerprint-key=", "--leakpath.fingerprint-key-file=");

	@Test
	void startWhenFingerprintKeyIsShortThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.fingerprint-key must be at least 32 bytes; it has 21",
				"--leakpath.fingerprint-key=" + SHORT_KEY);
		assertThat(output.getOut() + output.getErr()).doesNotContain(SHORT_KEY);
	}

	@Test
	void startWhenTheRecomputesWorkMemIsNoSizeThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.graph.recompute-work-mem must be a size such as 256MB",
				"--leakpath.graph.recompute-work-mem=lots");
	}

	@Test
	void startWhenTheIdleTransactionTimeoutIsZeroThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.database.idle-in-transaction-timeout must be positive, not PT0S",
				"--leakpath.database.idle-in-transaction-timeout=0s");
	}

	@Test
	void startWhenGitHubUrlIsNotHttpThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.github.api-url must be an absolute http(s) URL with a host",
				"--leakpath.github.api-url=api.github.com");
	}

	@Test
	void startWhenOidcGrantsNoRoleThenOneLineNamesTheSettings(CapturedOutput output) {
		assertStartFailsWith(output,
				"leakpath.oidc.admin-values or viewer-values (or all-organizations-values, triager-values) must",
				"--leakpath.oidc.issuer-uri=http://localhost:9/issuer", "--leakpath.oidc.client-id=leakpath",
				"--leakpath.oidc.client-secret=test-oidc-secret", "--leakpath.oidc.admin-values=",
				"--leakpath.oidc.viewer-values=");
	}

	@Test
	void startWhenNeitherDatabaseNorFingerprintKeyIsSetOutsideTheDemoThenOneLineNamesBoth(CapturedOutput output) {
		List<String> arguments = new ArrayList<>(NO_DATABASE);
		arguments.addAll(NO_KEY);
		assertStartFails(output, "spring.r2dbc.url and leakpath.fingerprint-key (or leakpath.fingerprint-key-file) are "
				+ "not set, and outside the demo profile leakpath makes up none", arguments);
		assertThat(output.getAll()).contains("Set SPRING_R2DBC_URL and LEAKPATH_FINGERPRINT_KEY or "
				+ "LEAKPATH_FINGERPRINT_KEY_FILE in the environment");
	}

	@Test
	void startWhenOnlyTheFingerprintKeyIsMissingOutsideTheDemoThenOneLineNamesIt(CapturedOutput output) {
		assertStartFailsWith(output, "\nleakpath.fingerprint-key (or leakpath.fingerprint-key-file) is not set, and "
				+ "outside the demo profile leakpath makes up none", NO_KEY.toArray(String[]::new));
	}

	@Test
	void startWhenOnlyTheDatabaseIsMissingOutsideTheDemoThenOneLineNamesIt(CapturedOutput output) {
		List<String> arguments = new ArrayList<>(NO_DATABASE);
		arguments.add("--leakpath.fingerprint-key=settings-test-fingerprint-key-0123456789");
		assertStartFails(output, "\nspring.r2dbc.url is not set, and outside the demo profile leakpath makes up none",
				arguments);
	}

	@Test
	void startWhenTheKeyFileIsMissingOutsideTheDemoThenOneLineAndNoKeyIsMadeUp(CapturedOutput output,
			@TempDir Path directory) {
		Path keyFile = directory.resolve("fingerprint.key");
		assertStartFailsWith(output, "leakpath.fingerprint-key-file names " + keyFile + ", which does not exist; "
				+ "outside the demo profile no key is made up", "--leakpath.fingerprint-key=",
				"--leakpath.fingerprint-key-file=" + keyFile);
		assertThat(keyFile).doesNotExist();
	}

	@Test
	void startWhenAChatUrlHoldsCredentialsThenOneLineNamesTheSettingNotTheUrl(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.notifications.slack.url must not hold a user name or password",
				"--leakpath.notifications.slack.url=https://leakpath:hunter2@hooks.slack.com/services/T0/B0/s3cr3t");
		assertThat(output.getOut() + output.getErr()).doesNotContain("hunter2").doesNotContain("s3cr3t");
	}

	@Test
	void startWhenAChatUrlIsNotAbsoluteThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.notifications.teams.url must be an absolute http(s) URL with a host",
				"--leakpath.notifications.teams.url=outlook.office.com/webhook/s3cr3t");
		assertThat(output.getOut() + output.getErr()).doesNotContain("s3cr3t");
	}

	@Test
	void startWhenAConfiguredRuleHasAWrongRecipientThenOneLineNamesTheRuleAndIndex(CapturedOutput output) {
		assertStartFailsWith(output,
				"leakpath.notifications.rules holds a wrong rule: rule 'team': recipients[1] 'not-an-email' is not an "
						+ "e-mail address",
				"--spring.mail.host=127.0.0.1", "--leakpath.notifications.email.from=leakpath@test.example",
				"--leakpath.notifications.rules[0].name=team", "--leakpath.notifications.rules[0].channels=email",
				"--leakpath.notifications.rules[0].recipients=owners,not-an-email");
	}

	@Test
	void startWhenSessionTimeoutIsUnderASecondThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "server.reactive.session.timeout must be at least 1 second; it is PT0S",
				"--server.reactive.session.timeout=0s");
	}

	/** Starts against the tests' database with a valid key, unless the settings give their own. */
	private static void assertStartFailsWith(CapturedOutput output, String description, String... settings) {
		List<String> arguments = new ArrayList<>(TestPostgres.get().arguments());
		arguments.addAll(List.of(settings));
		// a repeated command-line setting would be joined with a comma, not replaced
		if (arguments.stream().noneMatch(argument -> argument.startsWith("--leakpath.fingerprint-key="))) {
			arguments.add("--leakpath.fingerprint-key=settings-test-fingerprint-key-0123456789");
		}
		assertStartFails(output, description, arguments);
	}

	private static void assertStartFails(CapturedOutput output, String description, List<String> settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.sync.schedule=false", "--leakpath.notifications.enabled=false"));
		arguments.addAll(settings);
		assertThatThrownBy(() -> new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments.toArray(String[]::new))
			.close()).isNotNull();
		String logged = output.getOut() + output.getErr();
		assertThat(logged).contains("APPLICATION FAILED TO START").contains("Description:")
			.contains(description)
			.doesNotContain("\tat ");
	}

}
