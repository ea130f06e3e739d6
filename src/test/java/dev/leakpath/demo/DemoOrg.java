package dev.leakpath.demo;

import java.util.List;

/** One organisation of the fake GitHub. A non-null {@code etag} makes its alert list answer conditional requests. */
record DemoOrg(String login, long id, int alertCount, String etag, List<DemoRepo> repos) {

	private static final String ACME = "acme-corp";
	private static final String GLOBEX_LOGIN = "globex";

	static final DemoOrg ACME_CORP = new DemoOrg(ACME, 1001, 210, null, List.of(
			new DemoRepo(ACME, 1001, "payments-api", 700100101L, "public", false, "main", 40, List.of(
					"src/main/resources/application.yml",
					"src/main/resources/application-prod.properties",
					"docker-compose.yml",
					".env",
					"src/test/resources/application-test.yml")),
			new DemoRepo(ACME, 1001, "web-frontend", 700100102L, "private", false, "main", 35, List.of(
					".env.production",
					"src/config/firebase.ts",
					"next.config.js",
					"src/lib/api-client.ts")),
			new DemoRepo(ACME, 1001, "infra-terraform", 700100103L, "internal", false, "main", 45, List.of(
					"terraform/prod/main.tf",
					"terraform/prod/terraform.tfvars",
					"terraform/staging/variables.tf",
					"modules/storage/outputs.tf",
					"scripts/bootstrap.sh")),
			new DemoRepo(ACME, 1001, "data-pipeline", 700100104L, "private", false, "main", 35, List.of(
					"airflow/dags/orders_etl.py",
					"config/connections.yaml",
					"notebooks/exploration.ipynb",
					"jobs/export_to_blob.py")),
			new DemoRepo(ACME, 1001, "mobile-app", 700100105L, "private", false, "main", 25, List.of(
					"android/app/src/main/res/values/secrets.xml",
					"ios/App/Config.xcconfig",
					"app.json",
					"src/services/push.ts")),
			new DemoRepo(ACME, 1001, "legacy-billing", 700100106L, "private", true, "master", 15, List.of(
					"config/database.yml",
					"src/main/webapp/WEB-INF/web.xml",
					"deploy/deploy.sh",
					"deploy/keys/billing-sftp.pem")),
			new DemoRepo(ACME, 1001, "docs-site", 700100107L, "public", false, "main", 15, List.of(
					"docs/getting-started.md",
					"docs/api/authentication.md",
					".github/workflows/publish.yml"))));

	static final DemoOrg GLOBEX = new DemoOrg(GLOBEX_LOGIN, 1002, 40, "W/\"globex-alerts-v1\"", List.of(
			new DemoRepo(GLOBEX_LOGIN, 1002, "platform", 700200201L, "private", false, "main", 20, List.of(
					"helm/values-prod.yaml",
					"k8s/secrets.yaml",
					"services/gateway/.env",
					"services/billing/src/main/resources/application.yml")),
			new DemoRepo(GLOBEX_LOGIN, 1002, "ml-models", 700200202L, "internal", false, "main", 12, List.of(
					"notebooks/train.ipynb",
					"pipelines/config.yaml",
					"scripts/upload_model.py")),
			new DemoRepo(GLOBEX_LOGIN, 1002, "website", 700200203L, "public", false, "main", 8, List.of(
					".env",
					"src/lib/analytics.js",
					"netlify.toml"))));

	static final List<DemoOrg> ALL = List.of(ACME_CORP, GLOBEX);

	DemoRepo repo(String name) {
		return repos.stream()
				.filter(repo -> repo.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(login + " has no repository " + name));
	}
}
