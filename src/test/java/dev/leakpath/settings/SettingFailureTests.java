package dev.leakpath.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.LeakpathApplication;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad setting stops the application with one line naming it, not a stack trace, and never its value. */
@ExtendWith(OutputCaptureExtension.class)
class SettingFailureTests {

	private static final String SHORT_KEY = "short-fingerprint-key";

	@Test
	void startWhenFingerprintKeyIsShortThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.fingerprint-key must be at least 32 bytes; it has 21",
				"--leakpath.fingerprint-key=" + SHORT_KEY);
		assertThat(output.getOut() + output.getErr()).doesNotContain(SHORT_KEY);
	}

	@Test
	void startWhenGitHubUrlIsNotHttpThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.github.api-url must be an absolute http(s) URL with a host",
				"--leakpath.github.api-url=api.github.com");
	}

	@Test
	void startWhenOidcGrantsNoRoleThenOneLineNamesTheSettings(CapturedOutput output) {
		assertStartFailsWith(output, "leakpath.oidc.admin-values or viewer-values (or all-organizations-values) must",
				"--leakpath.oidc.issuer-uri=http://localhost:9/issuer", "--leakpath.oidc.client-id=leakpath",
				"--leakpath.oidc.client-secret=test-oidc-secret", "--leakpath.oidc.admin-values=",
				"--leakpath.oidc.viewer-values=");
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

	private static void assertStartFailsWith(CapturedOutput output, String description, String... settings) {
		List<String> arguments = new ArrayList<>(TestPostgres.get().arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.notifications.enabled=false"));
		arguments.addAll(List.of(settings));
		// a repeated command-line setting would be joined with a comma, not replaced
		if (arguments.stream().noneMatch(argument -> argument.startsWith("--leakpath.fingerprint-key="))) {
			arguments.add("--leakpath.fingerprint-key=settings-test-fingerprint-key-0123456789");
		}
		assertThatThrownBy(() -> new SpringApplicationBuilder(LeakpathApplication.class)
			.run(arguments.toArray(String[]::new))
			.close()).isNotNull();
		String logged = output.getOut() + output.getErr();
		assertThat(logged).contains("APPLICATION FAILED TO START").contains("Description:")
			.contains(description)
			.doesNotContain("\tat ");
	}

}
