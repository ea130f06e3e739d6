package dev.leakpath.testsupport;

import java.util.ArrayList;
import java.util.List;

import dev.leakpath.LeakpathApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a whole leakpath instance of its own (not a cached test context) against the tests' PostgreSQL and a
 * fake GitHub polling {@link TestOrganization#ORG}, for tests about restarts and several instances.
 */
public final class ApplicationProcess {

	private ApplicationProcess() {
	}

	public static ConfigurableApplicationContext start(TestPostgres postgres, FakeGitHub github) {
		return start(postgres, github, List.of());
	}

	/**
	 * @param overrides {@code --name=value} arguments that replace the usual ones of the same name (a repeated
	 * name would bind as a comma-joined list)
	 */
	public static ConfigurableApplicationContext start(TestPostgres postgres, FakeGitHub github, List<String> overrides) {
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.github.token=instance-test-token", "--leakpath.github.organizations=" + TestOrganization.ORG,
				"--leakpath.github.api-url=" + github.baseUrl(), "--leakpath.notifications.enabled=false",
				"--leakpath.owners.read-codeowners=false",
				"--leakpath.fingerprint-key=instance-test-fingerprint-key-0123456789"));
		overrides.forEach(override -> arguments.removeIf(argument -> name(argument).equals(name(override))));
		arguments.addAll(overrides);
		return new SpringApplicationBuilder(LeakpathApplication.class).run(arguments.toArray(String[]::new));
	}

	private static String name(String argument) {
		int equals = argument.indexOf('=');
		return equals < 0 ? argument : argument.substring(0, equals);
	}

}
