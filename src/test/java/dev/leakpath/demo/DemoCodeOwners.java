package dev.leakpath.demo;

import java.util.Map;
import java.util.Optional;

/**
 * The CODEOWNERS files on the default branches of the demo's repositories, where GitHub looks for them
 * ({@code .github/}, the root, {@code docs/}). On Azure DevOps, which has no such convention of its own, the
 * owners are e-mail addresses. Repositories not listed have none, so their owners come from elsewhere.
 */
final class DemoCodeOwners {

	/** One file: its path in the repository and its text. */
	record CodeOwnersFile(String path, String text) {
	}

	private static final Map<String, CodeOwnersFile> BY_REPOSITORY = Map.ofEntries(
			file("acme-corp/payments-api", ".github/CODEOWNERS", "@acme-corp/payments-team",
					"/deploy/ @acme-corp/platform-team"),
			file("acme-corp/web-frontend", ".github/CODEOWNERS", "@acme-corp/web-team"),
			file("acme-corp/infra-terraform", ".github/CODEOWNERS", "@acme-corp/platform-team",
					"/terraform/prod/ @acme-corp/platform-team @acme-corp/security"),
			file("acme-corp/data-pipeline", ".github/CODEOWNERS", "@acme-corp/data-team"),
			file("acme-corp/mobile-app", ".github/CODEOWNERS", "@acme-corp/mobile-team"),
			file("acme-corp/legacy-billing", "CODEOWNERS", "@acme-corp/billing-team"),
			file("acme-corp/docs-site", "docs/CODEOWNERS", "@acme-corp/docs-team @mara-okafor"),
			file("globex/platform", ".github/CODEOWNERS", "@globex/platform-engineering"),
			file("globex/ml-models", ".github/CODEOWNERS", "@globex/ml-team"),
			file("globex/website", "CODEOWNERS", "@globex/web"),
			file("Payments/payments-api", ".github/CODEOWNERS", "payments-team@contoso.example"),
			file("Payments/payments-web", "CODEOWNERS", "payments-team@contoso.example web-team@contoso.example"),
			file("OpenTools/cli", "docs/CODEOWNERS", "opentools-maintainers@contoso.example"),
			file("OpenTools/sdk", ".github/CODEOWNERS", "opentools-maintainers@contoso.example"));

	private DemoCodeOwners() {
	}

	/** {@code fullName} is {@code org/repo} on GitHub, {@code project/repo} on Azure DevOps. */
	static Optional<CodeOwnersFile> of(String fullName) {
		return Optional.ofNullable(BY_REPOSITORY.get(fullName));
	}

	// The catch-all rule names the owners of the whole repository; a later, narrower rule only adds reviewers.
	private static Map.Entry<String, CodeOwnersFile> file(String fullName, String path, String owners,
			String... narrowerRules) {
		StringBuilder text = new StringBuilder("# Who reviews changes to ").append(fullName).append('\n')
				.append("*  ").append(owners).append('\n');
		for (String rule : narrowerRules) {
			text.append(rule).append('\n');
		}
		return Map.entry(fullName, new CodeOwnersFile(path, text.toString()));
	}
}
