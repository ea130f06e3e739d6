package dev.leakpath.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.commons.logging.Log;

import dev.leakpath.settings.InvalidSettingException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * In the demo profile, which turns {@code leakpath.demo.enabled} on, and with no provider credentials configured,
 * serves the fake GitHub, Azure DevOps and GCP project of {@code wiremock-mappings/} and points the connectors at them, so
 * that {@code ./mvnw spring-boot:run} shows leakpath working end to end.
 */
class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String DEMO_GITHUB_ORGANIZATIONS = "acme-corp,globex";

	private static final String DEMO_AZURE_DEVOPS_ORGANIZATIONS = "contoso";

	/** The account the demo alert acme-corp/infra-terraform #11's key id AKIAWWTWDS4YW4YVB74V carries. */
	private static final String DEMO_AWS_ACCOUNT = "460882941745";

	/** Only {@code ./mvnw spring-boot:run} and the tests have it: the packaged jar leaves it out (pom.xml). */
	private static final String WIREMOCK = "com.github.tomakehurst.wiremock.WireMockServer";

	private static final String[] CREDENTIALS = { "leakpath.github.token", "leakpath.github.app.id",
			"leakpath.azure-devops.pat", "leakpath.azure-devops.entra.client-id" };

	private final Log log;

	DemoEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(DemoEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean credentials = false;
		for (String credential : CREDENTIALS) {
			credentials |= StringUtils.hasText(environment.getProperty(credential));
		}
		if (credentials || !environment.getProperty("leakpath.demo.enabled", Boolean.class, false)) {
			return;
		}
		if (!ClassUtils.isPresent(WIREMOCK, application.getClassLoader())) {
			throw new InvalidSettingException("leakpath.demo.enabled", "is on, but this build has no fake providers "
					+ "(only ./mvnw spring-boot:run has): set leakpath.github.token or another provider credential");
		}
		Path mappings = Path.of(environment.getProperty("leakpath.demo.mappings-dir", "wiremock-mappings"));
		if (!Files.isDirectory(mappings.resolve("mappings"))) {
			throw new InvalidSettingException("leakpath.demo.mappings-dir", "has no fake GitHub and Azure DevOps (no "
					+ "mappings/ in " + mappings.toAbsolutePath() + "): point it at wiremock-mappings/, or set a provider "
					+ "credential such as leakpath.github.token, or turn leakpath.demo.enabled off");
		}
		// a class of its own, so that nothing loads WireMock's classes where they are missing
		String baseUrl = FakeProviders.start(mappings, environment.getProperty("leakpath.demo.port", Integer.class, 0),
				application);

		Map<String, Object> demo = new HashMap<>();
		demo.put("leakpath.github.api-url", baseUrl);
		demo.put("leakpath.github.token", "demo-token-for-the-fake-github");
		demo.put("leakpath.sync.initial-delay", "PT0S");
		if (!StringUtils.hasText(environment.getProperty("leakpath.github.organizations"))) {
			demo.put("leakpath.github.organizations", DEMO_GITHUB_ORGANIZATIONS);
		}
		demo.put("leakpath.azure-devops.api-url", baseUrl);
		demo.put("leakpath.azure-devops.advsec-url", baseUrl);
		demo.put("leakpath.azure-devops.pat", "demo-pat-for-the-fake-azure-devops");
		// the fake Azure DevOps pages its alerts by 50, and serves the file at the commit of each one: read them all
		demo.put("leakpath.azure-devops.page-size", "50");
		demo.put("leakpath.sync.max-context-reads-per-page", "50");
		if (!StringUtils.hasText(environment.getProperty("leakpath.azure-devops.organizations"))) {
			demo.put("leakpath.azure-devops.organizations", DEMO_AZURE_DEVOPS_ORGANIZATIONS);
		}
		// the fake AWS account of wiremock-mappings/mappings/aws (its IAM user terraform-ci may read one bucket),
		// unless a real AWS inventory is configured
		if (!environment.getProperty("leakpath.assets.aws.enabled", Boolean.class, false)) {
			demo.put("leakpath.assets.aws.enabled", "true");
			demo.put("leakpath.assets.aws.endpoint-url", baseUrl);
			demo.put("leakpath.assets.aws.accounts[0].id", DEMO_AWS_ACCOUNT);
			// the SDK's default chain reads these first; WireMock checks no signature
			if (System.getProperty("aws.accessKeyId") == null) {
				System.setProperty("aws.accessKeyId", "AKIADEMOFAKEWIREMOCK");
				System.setProperty("aws.secretAccessKey", "demo-secret-for-the-fake-aws");
			}
		}
		// the fake GCP project acme-analytics (wiremock-mappings/mappings/gcp-*.json), unless one is configured
		if (!StringUtils.hasText(environment.getProperty("leakpath.assets.gcp.credentials-file"))) {
			demo.put("leakpath.assets.gcp.credentials-file", DemoGcpKey.write(baseUrl + "/gcp/token").toString());
			demo.put("leakpath.assets.gcp.scope", "projects/acme-analytics");
			demo.put("leakpath.assets.gcp.asset-url", baseUrl);
			demo.put("leakpath.assets.gcp.token-url", baseUrl + "/gcp/token");
		}
		if ("config/assets".equals(environment.getProperty("leakpath.assets.directory", "config/assets"))) {
			demo.put("leakpath.assets.directory", mappings.resolve("inventory").toString());
		}
		String apiToken = environment.getProperty("leakpath.api.tokens");
		boolean generatedToken = !StringUtils.hasText(apiToken);
		if (generatedToken) {
			byte[] random = new byte[16];
			new SecureRandom().nextBytes(random);
			apiToken = "demo-" + HexFormat.of().formatHex(random);
			demo.put("leakpath.api.tokens", apiToken);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("leakpathDemo", demo));
		log.info("No provider credentials configured: running the demo against a fake GitHub and Azure DevOps at "
				+ baseUrl);

		String token = apiToken;
		application.addListeners((ApplicationReadyEvent event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
			log.info("leakpath demo is up: dashboard at http://localhost:" + port + "/ and API at http://localhost:"
					+ port + "/api/v1/alerts; "
					+ (generatedToken ? "sign in (or send 'Authorization: Bearer <token>') with the admin token " + token
							: "sign in with one of the configured leakpath.api.tokens"));
		});
	}

}
