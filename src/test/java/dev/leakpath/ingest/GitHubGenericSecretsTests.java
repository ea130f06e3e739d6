package dev.leakpath.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.asset.AssetInventory;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * GitHub lists private keys, connection strings and passwords only when {@code secret_type} names them: polling
 * alone, without webhooks, reads them through the organisation's generic listing.
 */
class GitHubGenericSecretsTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	/** The default of leakpath.github.generic-secret-types, as the generic listing sends it. */
	private static final String GENERIC_TYPES = "rsa_private_key,openssh_private_key,pgp_private_key,ec_private_key,"
			+ "generic_private_key,http_basic_authentication_header,http_bearer_authentication_header,"
			+ "mongodb_connection_string,postgres_connection_string,mysql_connection_string,mysql_connection_url,"
			+ "password";

	private static final String SOURCES = "select listing, last_outcome, pages, alerts_seen, resume_point "
			+ "from sync_source order by listing";

	private static final AssetInput DATABASE = new AssetInput("azure", "Microsoft.DBforPostgreSQL/flexibleServers",
			"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/db-acme-prod",
			"db-acme-prod", List.of(), null, "0a1b", Map.of(), false, true, null, List.of());

	@Autowired
	private SyncService sync;

	@Autowired
	private AssetInventory inventory;

	private final TestOrganization org = new TestOrganization();

	@Test
	void syncWhenOrganizationHasPrivateKeysAndConnectionStringsThenPollingAloneStoresThemWithTargetsAndPaths() {
		SshKey key = SshKey.generate();
		inventory.replaceSource(List.of(DATABASE, virtualMachine(key.fingerprint())), "file:test-inventory.yaml").block();
		awaitGraphRecomputed();
		github.alertPages(ORG, organizationPages(key), null);

		sync.run("test").block();

		assertThat(postgres.rows("select secret_type from alert order by secret_type")).containsExactly(
				"github_personal_access_token", "mongodb_connection_string", "openssh_private_key",
				"postgres_connection_string", "slack_api_token");
		assertThat(github.typedAlertRequests(ORG)).containsExactly(GENERIC_TYPES, GENERIC_TYPES);
		assertThat(postgres.rows(SOURCES)).containsExactly("default|completed|1|2|null", "generic|completed|2|3|null");
		JsonNode sshKey = alert(ORG + "/infra", "1").get("target");
		assertThat(sshKey.get("kind").asText()).isEqualTo("cloud_identity");
		assertThat(sshKey.get("keyFingerprint").asText()).isEqualTo(key.fingerprint());
		assertThat(alert(ORG + "/web", "1").get("target").get("host").asText())
			.isEqualTo("db-acme-prod.postgres.database.azure.com");
		assertThat(paths(getJson("/api/v1/attack-paths").get("items"))).contains("github-secret-to-virtual-machine acme/infra vm-bastion",
				"github-secret-to-postgresql acme/web db-acme-prod");
		assertThat(postgres.count("select count(*) from attack_path where status = 'open' and rule_id in "
				+ "('github-secret-to-virtual-machine', 'github-secret-to-postgresql')")).isEqualTo(2);
		assertThat(postgres.dumpAllTables()).doesNotContain(key.base64Tail());
	}

	@Test
	void syncWhenGenericListingFailsThenDefaultKeepsItsPassAndGenericResumesFromItsOwnPage() {
		SshKey key = SshKey.generate();
		List<List<ObjectNode>> pages = organizationPages(key);
		github.alertPages(ORG, pages, null);
		github.server().stubFor(github.alertsRequest(ORG, GENERIC_TYPES, 2).atPriority(1)
			.willReturn(aResponse().withStatus(500)));

		sync.run("test").block();

		assertThat(postgres.rows(SOURCES)).containsExactly("default|completed|1|2|null",
				"generic|failed|1|2|" + github.pageUrl(ORG, GENERIC_TYPES, 2));
		assertThat(postgres.rows("select status from sync_run")).containsExactly("failed");

		github.reset();
		github.alertPages(ORG, pages, null);
		sync.run("test").block();

		assertThat(github.alertRequests(ORG, GENERIC_TYPES, 1)).isZero();
		assertThat(github.alertRequests(ORG, GENERIC_TYPES, 2)).isEqualTo(1);
		assertThat(github.alertRequests(ORG, 1)).isEqualTo(1);
		assertThat(postgres.rows(SOURCES)).containsExactly("default|completed|1|2|null", "generic|completed|1|1|null");
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(5);
	}

	/**
	 * Five alerts, newest first, two to a page; the default listing shows two of them on one page, the generic
	 * listing three on two.
	 */
	private List<List<ObjectNode>> organizationPages(SshKey key) {
		return List.of(
				List.of(org.openAlert("api", 1, NOW), org.alert("infra", 1, "openssh_private_key", "open",
						NOW.minusSeconds(60), key.pem())),
				List.of(org.alert("web", 1, "postgres_connection_string", "open", NOW.minusSeconds(120)),
						org.alert("api", 2, "slack_api_token", "open", NOW.minusSeconds(180))),
				List.of(org.alert("infra", 2, "mongodb_connection_string", "open", NOW.minusSeconds(240))));
	}

	private static AssetInput virtualMachine(String sshKeyFingerprint) {
		return new AssetInput("azure", "Microsoft.Compute/virtualMachines",
				"/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.Compute/virtualMachines/vm-bastion",
				"vm-bastion", List.of(), null, "0a1b", Map.of(), true, false, null, List.of(sshKeyFingerprint));
	}

	private static List<String> paths(JsonNode items) {
		List<String> paths = new ArrayList<>();
		items.forEach(item -> paths.add(item.get("rule").get("id").asText() + " "
				+ item.get("repository").get("fullName").asText() + " "
				+ (item.get("target").isNull() ? "-" : item.get("target").get("name").asText())));
		return paths;
	}

	/**
	 * An openssh-key-v1 file with a freshly made ed25519 public key and a private section of random bytes (not a
	 * usable key), and the {@code SHA256:} fingerprint {@code ssh-keygen -l} gives its public key.
	 */
	private record SshKey(String pem, String fingerprint) {

		static SshKey generate() {
			try {
				byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
				// an X.509 SubjectPublicKeyInfo: the last 32 bytes are the raw key
				byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
				ByteArrayOutputStream blob = new ByteArrayOutputStream();
				sshString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
				sshString(blob, raw);
				ByteArrayOutputStream file = new ByteArrayOutputStream();
				file.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
				sshString(file, "none".getBytes(StandardCharsets.US_ASCII));
				sshString(file, "none".getBytes(StandardCharsets.US_ASCII));
				sshString(file, new byte[0]);
				file.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
				sshString(file, blob.toByteArray());
				byte[] privateSection = new byte[64];
				new Random(7).nextBytes(privateSection);
				sshString(file, privateSection);
				String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
						+ Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file.toByteArray())
						+ "\n-----END OPENSSH PRIVATE KEY-----";
				String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(blob.toByteArray()));
				return new SshKey(pem, fingerprint);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The end of the key file's base64, which nothing stored may contain. */
		String base64Tail() {
			String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
			return body.substring(body.length() - 24);
		}

		private static void sshString(ByteArrayOutputStream out, byte[] value) {
			out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
			out.writeBytes(value);
		}

	}

}
