package dev.leakpath.bench;

import java.util.ArrayList;
import java.util.List;

import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.TestPostgres;

/**
 * The command line of an application polling one organisation of a fake GitHub, for the GitHub benchmarks:
 * arguments, so they win over config/application.yml. {@link #of} keeps the shipped defaults (files around bare
 * keys and CODEOWNERS are read); {@link #pollingOnly} turns both off, for a benchmark of the listing alone.
 */
final class GitHubBenchArguments {

	private GitHubBenchArguments() {
	}

	static String[] of(TestPostgres postgres, FakeGitHub github, String organization) {
		List<String> arguments = new ArrayList<>(postgres.arguments());
		arguments.addAll(List.of("--server.port=0", "--leakpath.demo.enabled=false",
				"--leakpath.notifications.enabled=false", "--leakpath.sync.schedule=false",
				"--leakpath.github.token=bench-token", "--leakpath.github.organizations=" + organization,
				"--leakpath.github.api-url=" + github.baseUrl(),
				"--leakpath.fingerprint-key=bench-fingerprint-key-0123456789abcdef", "--logging.level.dev.leakpath=warn"));
		return arguments.toArray(String[]::new);
	}

	static String[] pollingOnly(TestPostgres postgres, FakeGitHub github, String organization) {
		List<String> arguments = new ArrayList<>(List.of(of(postgres, github, organization)));
		arguments.addAll(List.of("--leakpath.sync.read-secret-context=false", "--leakpath.owners.read-codeowners=false"));
		return arguments.toArray(String[]::new);
	}

}
