package dev.leakpath.asset.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import dev.leakpath.testsupport.FakeGitHub;

/**
 * Google's token endpoint and the Cloud Asset API as WireMock plays them (on the tests' fake GitHub server, where
 * {@code IntegrationTest} points the connector), with a service-account key file of a key pair made here.
 * Shapes: the token answer of "Using OAuth 2.0 for Server to Server Applications"
 * (developers.google.com/identity/protocols/oauth2/service-account, "Handling the response":
 * {@code access_token}, {@code token_type}, {@code expires_in}); search answers of
 * cloud.google.com/asset-inventory/docs/reference/rest/v1/TopLevel/searchAllResources and .../searchAllIamPolicies
 * ({@code results}, {@code nextPageToken}); results as ResourceSearchResult and IamPolicySearchResult document
 * them (v1 reference), with {@code versionedResources[].resource} in the owning service's REST shape (Compute
 * Engine {@code Instance}, Cloud SQL Admin {@code DatabaseInstance}, IAM {@code ServiceAccount} and
 * {@code ServiceAccountKey}).
 */
final class FakeCloudAsset {

	static final String TOKEN = "/gcp/token";

	static final String RESOURCES = "/v1/projects/leakpath-test:searchAllResources";

	static final String POLICIES = "/v1/projects/leakpath-test:searchAllIamPolicies";

	static final String CLIENT_EMAIL = "leakpath-inventory@leakpath-test.iam.gserviceaccount.com";

	static final String PROJECT = "projects/415104041262";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private static final KeyPair KEYS = keyPair();

	private final WireMockServer server;

	FakeCloudAsset(WireMockServer server) {
		this.server = server;
		writeKeyFile();
	}

	static PublicKey publicKey() {
		return KEYS.getPublic();
	}

	/** Google hands the inventory's account a token for a jwt-bearer grant. */
	void token() {
		server.stubFor(post(urlPathEqualTo(TOKEN)).atPriority(5)
			.withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
			.withRequestBody(containing("assertion="))
			.willReturn(FakeGitHub.json(200, JSON.objectNode().put("access_token", "ya29.test-access-token")
				.put("expires_in", 3599).put("token_type", "Bearer"))));
	}

	/** One page per list, each but the last naming the next with its {@code nextPageToken}. */
	void resources(List<List<ObjectNode>> pages) {
		listing(RESOURCES, pages);
	}

	void policies(List<List<ObjectNode>> pages) {
		listing(POLICIES, pages);
	}

	private void listing(String path, List<List<ObjectNode>> pages) {
		for (int index = 0; index < pages.size(); index++) {
			ObjectNode page = JSON.objectNode();
			ArrayNode results = page.putArray("results");
			pages.get(index).forEach(results::add);
			if (index < pages.size() - 1) {
				page.put("nextPageToken", pageToken(path, index + 1));
			}
			server.stubFor(pageRequest(path, index).atPriority(5).willReturn(FakeGitHub.json(200, page)));
		}
	}

	/** The request for the page at {@code index} (0-based). */
	static MappingBuilder pageRequest(String path, int index) {
		MappingBuilder request = get(urlPathEqualTo(path))
			.withHeader("Authorization", equalTo("Bearer ya29.test-access-token"));
		return index == 0 ? request.withQueryParam("pageToken", absent())
				: request.withQueryParam("pageToken", equalTo(pageToken(path, index)));
	}

	/** Opaque, with characters a query must encode. */
	static String pageToken(String path, int index) {
		return (path.equals(RESOURCES) ? "Cg8r/res=" : "Cg8r+pol=") + index;
	}

	static ObjectNode bucket(String name) {
		ObjectNode bucket = result("//storage.googleapis.com/" + name, "storage.googleapis.com/Bucket", name);
		bucket.put("location", "us-central1");
		bucket.putObject("labels").put("env", "prod");
		return bucket;
	}

	static ObjectNode project() {
		ObjectNode project = result("//cloudresourcemanager.googleapis.com/" + PROJECT,
				"cloudresourcemanager.googleapis.com/Project", "leakpath-test");
		project.putObject("additionalAttributes").put("projectId", "leakpath-test");
		return project;
	}

	static ObjectNode sqlInstance(String name, String publicIp) {
		ObjectNode sql = result("//cloudsql.googleapis.com/projects/leakpath-test/instances/" + name,
				"sqladmin.googleapis.com/Instance", name);
		sql.put("location", "us-central1");
		ObjectNode resource = versioned(sql, "v1beta4");
		resource.putArray("ipAddresses").addObject().put("type", "PRIMARY").put("ipAddress", publicIp);
		return sql;
	}

	/** A VM with an external IP and one {@code ssh-keys} line. */
	static ObjectNode computeInstance(String name, String externalIp, String authorizedKey) {
		ObjectNode vm = result("//compute.googleapis.com/projects/leakpath-test/zones/us-central1-a/instances/" + name,
				"compute.googleapis.com/Instance", name);
		vm.put("location", "us-central1-a");
		vm.putObject("additionalAttributes").putArray("externalIPs").add(externalIp);
		ObjectNode resource = versioned(vm, "v1");
		resource.putArray("networkInterfaces").addObject().putArray("accessConfigs").addObject()
			.put("type", "ONE_TO_ONE_NAT").put("natIP", externalIp);
		resource.putObject("metadata").putArray("items").addObject().put("key", "ssh-keys")
			.put("value", "deploy:" + authorizedKey);
		return vm;
	}

	static ObjectNode serviceAccount(String email, String uniqueId) {
		ObjectNode account = result("//iam.googleapis.com/projects/leakpath-test/serviceAccounts/" + uniqueId,
				"iam.googleapis.com/ServiceAccount", email);
		versioned(account, "v1").put("email", email).put("uniqueId", uniqueId).put("disabled", false)
			.put("name", "projects/leakpath-test/serviceAccounts/" + email);
		return account;
	}

	static ObjectNode serviceAccountKey(String uniqueId, String keyId) {
		ObjectNode key = result("//iam.googleapis.com/projects/leakpath-test/serviceAccounts/" + uniqueId + "/keys/"
				+ keyId, "iam.googleapis.com/ServiceAccountKey", keyId);
		versioned(key, "v1").put("keyType", "USER_MANAGED").put("keyAlgorithm", "KEY_ALG_RSA_2048");
		return key;
	}

	/** An IamPolicySearchResult with one binding per role: {@code role, members...}. */
	static ObjectNode policy(String resource, String assetType, String[]... roles) {
		ObjectNode result = JSON.objectNode().put("resource", resource).put("assetType", assetType)
			.put("project", PROJECT);
		result.putArray("folders").add("folders/1234567");
		result.put("organization", "organizations/7654321");
		ObjectNode policy = result.putObject("policy").put("version", 1).put("etag", "BwWWja0YfJA=");
		ArrayNode bindings = policy.putArray("bindings");
		for (String[] role : roles) {
			ArrayNode members = bindings.addObject().put("role", role[0]).putArray("members");
			for (int i = 1; i < role.length; i++) {
				members.add(role[i]);
			}
		}
		return result;
	}

	private static ObjectNode result(String name, String assetType, String displayName) {
		ObjectNode result = JSON.objectNode().put("name", name).put("assetType", assetType).put("project", PROJECT)
			.put("displayName", displayName);
		result.putArray("folders").add("folders/1234567");
		result.put("organization", "organizations/7654321");
		return result;
	}

	private static ObjectNode versioned(ObjectNode result, String version) {
		return result.putArray("versionedResources").addObject().put("version", version).putObject("resource");
	}

	/** Writes {@code target/test-gcp/service-account.json}, where the tests' settings point. */
	static void writeKeyFile() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		// the fields of a key file as IAM writes it ("Create and delete service account keys")
		ObjectNode key = JSON.objectNode().put("type", "service_account").put("project_id", "leakpath-test")
			.put("private_key_id", "3c1a2bd4e5f60718293a4b5c6d7e8f9012345678").put("private_key", pem)
			.put("client_email", CLIENT_EMAIL).put("client_id", "104254378459163720455")
			.put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
			.put("token_uri", "https://oauth2.googleapis.com/token");
		try {
			Path file = Path.of("target/test-gcp/service-account.json");
			Files.createDirectories(file.getParent());
			Files.writeString(file, key.toPrettyString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
