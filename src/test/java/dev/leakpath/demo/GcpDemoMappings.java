package dev.leakpath.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo's fake GCP project {@code acme-analytics}: Google's token endpoint ({@code POST /gcp/token}, any
 * assertion) and Cloud Asset Inventory's {@code searchAllIamPolicies} and {@code searchAllResources} over
 * {@code projects/acme-analytics}, one page each. Shapes: developers.google.com/identity/protocols/oauth2/service-account
 * ("Handling the response"), cloud.google.com/asset-inventory/docs/reference/rest/v1/TopLevel/searchAllResources,
 * .../searchAllIamPolicies, and the v1 ResourceSearchResult and IamPolicySearchResult, with
 * {@code versionedResources[].resource} in the owning service's REST shape.
 *
 * <p>It holds a public bucket ({@code allUsers} may view its objects), a Cloud SQL instance with a public address,
 * and the service account {@code etl-runner} with one user-managed key, {@link #KEY_ID}, which may write the
 * bucket ({@code roles/storage.objectAdmin}) and holds {@code roles/editor} on the project, the basic role pipelines
 * are too often given: a privileged identity, so the demo's "credentials of privileged cloud identities" explorer
 * template finds it.
 */
final class GcpDemoMappings {

	static final String PROJECT_ID = "acme-analytics";

	static final String PROJECT = "projects/801234567890";

	static final String SERVICE_ACCOUNT = "etl-runner@acme-analytics.iam.gserviceaccount.com";

	static final String KEY_ID = "8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8";

	static final String UNIQUE_ID = "104928375610293847561";

	private static final String BUCKET = "acme-analytics-exports";

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final WireMockTree tree;

	GcpDemoMappings(WireMockTree tree) {
		this.tree = tree;
	}

	void write() {
		ObjectNode token = MAPPER.createObjectNode().put("access_token", "ya29.demo-token-for-the-fake-gcp")
			.put("expires_in", 3599).put("token_type", "Bearer");
		tree.writeBody("gcp/token.json", token);
		tree.writeMapping("gcp-token.json", 5, MAPPER.createObjectNode().put("method", "POST")
			.put("urlPath", "/gcp/token"), ok("gcp/token.json"));

		ObjectNode policies = MAPPER.createObjectNode();
		ArrayNode policyResults = policies.putArray("results");
		policyResults.add(policy("//storage.googleapis.com/" + BUCKET, "storage.googleapis.com/Bucket",
				binding("roles/storage.objectViewer", "allUsers"),
				binding("roles/storage.objectAdmin", "serviceAccount:" + SERVICE_ACCOUNT)));
		policyResults.add(policy("//cloudresourcemanager.googleapis.com/projects/" + PROJECT_ID,
				"cloudresourcemanager.googleapis.com/Project", binding("roles/owner", "user:admin@acme.example"),
				binding("roles/editor", "serviceAccount:" + SERVICE_ACCOUNT)));
		tree.writeBody("gcp/iam-policies.json", policies);
		tree.writeMapping("gcp-iam-policies.json", 5, search("searchAllIamPolicies"), ok("gcp/iam-policies.json"));

		ObjectNode resources = MAPPER.createObjectNode();
		ArrayNode results = resources.putArray("results");
		ObjectNode project = result("//cloudresourcemanager.googleapis.com/" + PROJECT,
				"cloudresourcemanager.googleapis.com/Project", PROJECT_ID);
		project.putObject("additionalAttributes").put("projectId", PROJECT_ID);
		results.add(project);
		ObjectNode bucket = result("//storage.googleapis.com/" + BUCKET, "storage.googleapis.com/Bucket", BUCKET);
		bucket.put("location", "us-central1");
		bucket.putObject("labels").put("data", "customer-exports");
		results.add(bucket);
		ObjectNode sql = result("//cloudsql.googleapis.com/projects/" + PROJECT_ID + "/instances/analytics-pg",
				"sqladmin.googleapis.com/Instance", "analytics-pg");
		sql.put("location", "us-central1");
		versioned(sql, "v1beta4").putArray("ipAddresses").addObject().put("type", "PRIMARY")
			.put("ipAddress", "34.68.120.15");
		results.add(sql);
		ObjectNode account = result("//iam.googleapis.com/projects/" + PROJECT_ID + "/serviceAccounts/" + UNIQUE_ID,
				"iam.googleapis.com/ServiceAccount", "ETL runner");
		versioned(account, "v1").put("name", "projects/" + PROJECT_ID + "/serviceAccounts/" + SERVICE_ACCOUNT)
			.put("email", SERVICE_ACCOUNT).put("uniqueId", UNIQUE_ID).put("disabled", false);
		results.add(account);
		ObjectNode key = result("//iam.googleapis.com/projects/" + PROJECT_ID + "/serviceAccounts/" + UNIQUE_ID
				+ "/keys/" + KEY_ID, "iam.googleapis.com/ServiceAccountKey", KEY_ID);
		versioned(key, "v1").put("keyType", "USER_MANAGED").put("keyAlgorithm", "KEY_ALG_RSA_2048");
		results.add(key);
		tree.writeBody("gcp/resources.json", resources);
		tree.writeMapping("gcp-resources.json", 5, search("searchAllResources"), ok("gcp/resources.json"));
	}

	private static ObjectNode search(String method) {
		return MAPPER.createObjectNode().put("method", "GET")
			.put("urlPath", "/v1/projects/" + PROJECT_ID + ":" + method);
	}

	private static ObjectNode ok(String bodyFileName) {
		ObjectNode response = MAPPER.createObjectNode().put("status", 200).put("bodyFileName", bodyFileName);
		response.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
		return response;
	}

	private static ObjectNode result(String name, String assetType, String displayName) {
		ObjectNode result = MAPPER.createObjectNode().put("name", name).put("assetType", assetType)
			.put("project", PROJECT).put("displayName", displayName);
		result.putArray("folders");
		return result;
	}

	private static ObjectNode versioned(ObjectNode result, String version) {
		return result.putArray("versionedResources").addObject().put("version", version).putObject("resource");
	}

	private static ObjectNode policy(String resource, String assetType, ObjectNode... bindings) {
		ObjectNode result = MAPPER.createObjectNode().put("resource", resource).put("assetType", assetType)
			.put("project", PROJECT);
		result.putArray("folders");
		ObjectNode policy = result.putObject("policy").put("version", 1).put("etag", "BwWWja0YfJA=");
		ArrayNode list = policy.putArray("bindings");
		for (ObjectNode binding : bindings) {
			list.add(binding);
		}
		return result;
	}

	private static ObjectNode binding(String role, String member) {
		ObjectNode binding = MAPPER.createObjectNode().put("role", role);
		binding.putArray("members").add(member);
		return binding;
	}

}
