package dev.leakpath.asset.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.leakpath.asset.gcp.FakeCloudAsset.CLIENT_EMAIL;
import static dev.leakpath.asset.gcp.FakeCloudAsset.POLICIES;
import static dev.leakpath.asset.gcp.FakeCloudAsset.RESOURCES;
import static dev.leakpath.asset.gcp.FakeCloudAsset.TOKEN;
import static dev.leakpath.asset.gcp.FakeCloudAsset.bucket;
import static dev.leakpath.asset.gcp.FakeCloudAsset.computeInstance;
import static dev.leakpath.asset.gcp.FakeCloudAsset.policy;
import static dev.leakpath.asset.gcp.FakeCloudAsset.project;
import static dev.leakpath.asset.gcp.FakeCloudAsset.serviceAccount;
import static dev.leakpath.asset.gcp.FakeCloudAsset.serviceAccountKey;
import static dev.leakpath.asset.gcp.FakeCloudAsset.sqlInstance;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.RetrySettings;
import dev.leakpath.ingest.SourceResilience;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;

/** Cloud Asset Inventory as WireMock plays it: the token exchange, and searches paged by {@code pageToken}. */
class GcpInventoryTests extends IntegrationTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** An ed25519 public key as {@code ssh-keygen} writes it; the ssh-keys line is {@code USERNAME:KEY} ("Add SSH keys to VMs"). */
	static final String AUTHORIZED_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy";

	private final FakeCloudAsset cloudAsset = new FakeCloudAsset(github.server());

	@Autowired
	private GcpInventory gcp;

	@BeforeEach
	void token() {
		cloudAsset.token();
	}

	@Test
	void refreshThenEveryPageIsReadAndAssetsAccountsKeysAndBindingsAreStored() throws Exception {
		cloudAsset.policies(List.of(List.of(
				policy("//storage.googleapis.com/leakpath-public-assets", "storage.googleapis.com/Bucket",
						new String[] { "roles/storage.objectViewer", "allUsers" }),
				policy("//cloudresourcemanager.googleapis.com/projects/leakpath-test",
						"cloudresourcemanager.googleapis.com/Project",
						new String[] { "roles/editor", "serviceAccount:ci-deployer@leakpath-test.iam.gserviceaccount.com",
								"user:mike@example.com" })),
				List.of()));
		cloudAsset.resources(List.of(
				List.of(project(), bucket("leakpath-public-assets"), bucket("leakpath-backups"),
						sqlInstance("orders-db", "34.122.10.20")),
				List.of(computeInstance("web-1", "35.202.1.2", AUTHORIZED_KEY),
						serviceAccount("ci-deployer@leakpath-test.iam.gserviceaccount.com", "112233445566778899001"),
						serviceAccountKey("112233445566778899001", "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678"))));

		GcpRead read = gcp.refresh().block();

		assertThat(read.assets()).hasSize(4);
		assertThat(postgres.rows("select resource_type, name, array_to_string(hosts, ' '), internet_exposed, account_id, "
				+ "source from asset order by name"))
			.containsExactly(
					"storage.googleapis.com/Bucket|leakpath-backups|leakpath-backups.storage.googleapis.com|f|leakpath-test|gcp:projects/leakpath-test",
					"storage.googleapis.com/Bucket|leakpath-public-assets|leakpath-public-assets.storage.googleapis.com|t|leakpath-test|gcp:projects/leakpath-test",
					"sqladmin.googleapis.com/Instance|orders-db|34.122.10.20|t|leakpath-test|gcp:projects/leakpath-test",
					"compute.googleapis.com/Instance|web-1|35.202.1.2|t|leakpath-test|gcp:projects/leakpath-test");
		assertThat(postgres.rows("select array_to_string(ssh_key_fingerprints, ' ') from asset where name = 'web-1'"))
			.containsExactly("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(java.security.MessageDigest
				.getInstance("SHA-256").digest(Base64.getDecoder().decode(AUTHORIZED_KEY.split(" ")[1]))));
		assertThat(postgres.rows("select a.email, a.unique_id, k.key_id, k.key_type from gcp_service_account a "
				+ "join gcp_service_account_key k on k.service_account_email = a.email"))
			.containsExactly("ci-deployer@leakpath-test.iam.gserviceaccount.com|112233445566778899001|"
					+ "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678|USER_MANAGED");
		assertThat(postgres.rows("select resource, role, member from gcp_iam_binding order by resource, member"))
			.containsExactly("//storage.googleapis.com/leakpath-public-assets|roles/storage.objectViewer|allUsers",
					FakeCloudAsset.PROJECT + "|roles/editor|serviceAccount:ci-deployer@leakpath-test.iam.gserviceaccount.com",
					FakeCloudAsset.PROJECT + "|roles/editor|user:mike@example.com");
		assertThat(postgres.rows("select array_to_string(folders, ' '), organization, project from gcp_resource "
				+ "where name = '//storage.googleapis.com/leakpath-backups'"))
			.containsExactly("folders/1234567|organizations/7654321|" + FakeCloudAsset.PROJECT);
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(RESOURCES)))).hasSize(2);
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(POLICIES)))).hasSize(2);
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(RESOURCES))).get(0).queryParameter("assetTypes")
			.values()).contains("storage.googleapis.com/Bucket", "iam.googleapis.com/ServiceAccountKey");
	}

	@Test
	void refreshWhenAResourceIsGoneThenItIsRemoved() {
		cloudAsset.policies(List.of(List.of()));
		cloudAsset.resources(List.of(List.of(bucket("a-bucket"), bucket("b-bucket"))));
		gcp.refresh().block();
		github.reset();
		cloudAsset.token();
		cloudAsset.policies(List.of(List.of()));
		cloudAsset.resources(List.of(List.of(bucket("b-bucket"))));

		gcp.refresh().block();

		assertThat(postgres.rows("select name from asset")).containsExactly("b-bucket");
		assertThat(postgres.rows("select name from gcp_resource")).containsExactly("//storage.googleapis.com/b-bucket");
	}

	@Test
	void tokenThenTheAssertionIsSignedWithTheAccountKeyForTheTokenEndpoint() throws Exception {
		GcpInventoryProperties properties = new GcpInventoryProperties(
				Path.of("target/test-gcp/service-account.json"), "projects/leakpath-test",
				java.net.URI.create(github.baseUrl()), java.net.URI.create(github.baseUrl() + TOKEN), Duration.ofHours(1),
				Duration.ZERO, 500, 3, Duration.ofSeconds(5),
				new RetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)));
		Instant now = Instant.parse("2026-12-02T10:00:00Z");
		SourceResilience resilience = new SourceResilience("cloud-asset-test", "localhost", properties.retry(),
				RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());
		CloudAssetClient client = new CloudAssetClient(WebClient.create(), properties, Clock.fixed(now, ZoneOffset.UTC),
				resilience, resilience);
		cloudAsset.resources(List.of(List.of(bucket("one"))));

		assertThat(client.resources(List.of("storage.googleapis.com/Bucket"), null, null).block().results()).hasSize(1);

		String body = github.server().findAll(postRequestedFor(urlPathEqualTo(TOKEN))).get(0).getBodyAsString();
		String assertion = URLDecoder.decode(body.substring(body.indexOf("assertion=") + "assertion=".length()),
				StandardCharsets.UTF_8);
		String[] parts = assertion.split("\\.");
		Signature rsa = Signature.getInstance("SHA256withRSA");
		rsa.initVerify(FakeCloudAsset.publicKey());
		rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
		JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
		JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		assertThat(header.get("alg").asText()).isEqualTo("RS256");
		assertThat(header.get("kid").asText()).isEqualTo("3c1a2bd4e5f60718293a4b5c6d7e8f9012345678");
		assertThat(claims.get("iss").asText()).isEqualTo(CLIENT_EMAIL);
		assertThat(claims.get("aud").asText()).isEqualTo(github.baseUrl() + TOKEN);
		assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
		assertThat(claims.get("iat").asLong()).isEqualTo(now.getEpochSecond());
		assertThat(claims.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 3600);
		assertThat(body).doesNotContain(CLIENT_EMAIL).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
	}

}
