package dev.leakpath.asset.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.ingest.RetrySettings;
import dev.leakpath.ingest.SourceResilience;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The demo's fake GCP project (wiremock-mappings/mappings/gcp-*.json), served as the demo serves it and read
 * by the client and mapping the inventory uses: a public bucket, an exposed Cloud SQL instance, and the
 * service account {@code etl-runner} with its key id.
 */
class GcpDemoProjectTests {

	private WireMockServer demo;

	@BeforeEach
	void serve() {
		demo = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
			.usingFilesUnderDirectory("wiremock-mappings"));
		demo.start();
		// the fake token endpoint takes any signed assertion: the tests' key signs it
		FakeCloudAsset.writeKeyFile();
	}

	@AfterEach
	void stop() {
		demo.stop();
	}

	@Test
	void readWhenTheDemoProjectIsServedThenItsBucketSqlInstanceAndServiceAccountKeyAreThere() {
		GcpInventoryProperties properties = new GcpInventoryProperties(Path.of("target/test-gcp/service-account.json"),
				"projects/acme-analytics", URI.create(demo.baseUrl()), URI.create(demo.baseUrl() + "/gcp/token"),
				Duration.ofHours(1), Duration.ZERO, 500, 3, Duration.ofSeconds(5),
				new RetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)));
		SourceResilience resilience = new SourceResilience("cloud-asset-demo", "localhost", properties.retry(),
				RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());
		CloudAssetClient client = new CloudAssetClient(WebClient.create(), properties, Clock.systemUTC(), resilience,
				resilience);

		List<JsonNode> policies = list(client.iamPolicies(CloudAssetMapping.POLICY_TYPES, null).block());
		List<JsonNode> resources = list(
				client.resources(CloudAssetMapping.RESOURCE_TYPES, CloudAssetMapping.READ_MASK, null).block());
		GcpRead read = CloudAssetMapping.read(resources, CloudAssetMapping.bindings(policies));

		assertThat(read.assets()).extracting(AssetInput::name, AssetInput::internetExposed, AssetInput::accountId)
			.containsExactly(tuple("acme-analytics-exports", true, "acme-analytics"),
					tuple("analytics-pg", true, "acme-analytics"));
		assertThat(read.serviceAccounts()).singleElement().satisfies(account -> {
			assertThat(account.email()).isEqualTo("etl-runner@acme-analytics.iam.gserviceaccount.com");
			assertThat(account.keys()).extracting(GcpRead.Key::keyId)
				.containsExactly("8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8");
		});
		assertThat(read.bindings()).contains(new GcpRead.Binding("//storage.googleapis.com/acme-analytics-exports",
				"storage.googleapis.com/Bucket", "roles/storage.objectAdmin",
				"serviceAccount:etl-runner@acme-analytics.iam.gserviceaccount.com", false));
	}

	private static List<JsonNode> list(CloudAssetPage page) {
		List<JsonNode> results = new ArrayList<>();
		page.results().forEach(results::add);
		return results;
	}

}
