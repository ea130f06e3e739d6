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
	void startWhenSessionTimeoutIsUnderASecondThenOneLineNamesTheSetting(CapturedOutput output) {
		assertStartFailsWith(output, "server.reactive.session.timeout must be at least 1 second; it is PT0S",
				"--server.reactive.session.timeout=0s");
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
