package dev.leakpath.demo;

import dev.leakpath.testsupport.AdoPayloads.ProjectRef;
import java.util.List;

/** The fake Azure DevOps organisation: its projects, their repositories and how many secret alerts each one has. */
final class AdoDemoOrganization {

	/**
	 * A team project; {@code visibility} is {@code private} or {@code public}. Its connection strings name its
	 * {@code storageAccount} and {@code sqlServer}, which the demo inventory may or may not hold.
	 */
	record Project(String id, String name, String visibility, String storageAccount, String sqlServer,
			List<Repo> repos) {

		ProjectRef ref() {
			return new ProjectRef(id, name, visibility);
		}
	}

	/** A Git repository. A disabled one has no alerts: the API answers its alerts URL with an error. */
	record Repo(String id, String name, boolean disabled, int alertCount, List<String> leakyPaths) {
	}

	static final String NAME = "contoso";
	static final String DEFAULT_BRANCH = "refs/heads/main";

	private static final Project PAYMENTS = project("e8babdea-25de-476c-9035-22e929d2e898", "Payments", "private",
			"contosopaystore", "contoso-payments-sql",
			new Repo("34d687ed-f0f3-41f7-ba3f-cdbda9f41ce2", "payments-api", false, 62, List.of(
					"src/Payments.Api/appsettings.json",
					"src/Payments.Api/appsettings.Development.json",
					"src/Payments.Infrastructure/StorageOptions.cs",
					"deploy/azure-pipelines.yml",
					"docker-compose.override.yml",
					"tests/Payments.Api.Tests/TestSettings.cs")),
			new Repo("638ac19b-f57c-493a-aef4-af0091a19371", "payments-web", false, 51, List.of(
					"src/environments/environment.prod.ts",
					"src/environments/environment.ts",
					".env.local",
					"server/config.js",
					"azure-pipelines.yml")),
			new Repo("c8be61c2-8d23-4059-896e-43d78de06281", "payments-legacy", true, 0, List.of()));

	private static final Project OPEN_TOOLS = project("11b58538-4179-4a47-905d-9b32e0cf7cc6", "OpenTools", "public",
			"contosotoolsstore", "contoso-tools-sql",
			new Repo("f43073bc-d4e0-423c-94bc-28c1b3c869c8", "cli", false, 4, List.of(
					"src/commands/login.ts",
					"test/fixtures/config.json",
					"README.md")),
			new Repo("df250459-1cc7-4c63-96fa-68fffbe09f45", "sdk", false, 2, List.of(
					"src/OpenTools.Sdk/Defaults.cs",
					"samples/QuickStart/Program.cs")),
			new Repo("9e48b001-7f6c-48f2-bbce-92e596bd603f", "docs", false, 1, List.of(
					"docs/authentication.md")));

	static final List<Project> PROJECTS = List.of(PAYMENTS, OPEN_TOOLS);

	private AdoDemoOrganization() {
	}

	private static Project project(String id, String name, String visibility, String storageAccount,
			String sqlServer, Repo... repos) {
		return new Project(id, name, visibility, storageAccount, sqlServer, List.of(repos));
	}
}
