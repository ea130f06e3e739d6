package dev.leakpath.asset.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * The account's IAM users with every policy that applies to them, read with {@code GetAccountAuthorizationDetails}
 * (paged by {@code Marker} while {@code IsTruncated}): their inline policies, their attached managed policies
 * (the default version's document), and their groups' inline and attached ones; then each user's access key
 * ids ({@code ListAccessKeys}). Policy documents arrive URL-encoded (RFC 3986) and are kept as decoded JSON.
 * Permission boundaries, SCPs and resource policies are not read here.
 */
final class IamUsers {

	private static final ObjectMapper JSON = new ObjectMapper();

	private IamUsers() {
	}

	/**
	 * @param policies each {@code {"kind": "inline"|"managed", "via": "user"|"group:<name>", "name", "arn"?,
	 * "document"}}; a managed policy whose document is not in the answer has none
	 */
	record User(String arn, String accountId, String name, String id, List<Map<String, Object>> policies,
			List<AccessKey> accessKeys) {
	}

	record AccessKey(String id, String status) {
	}

	static List<User> read(IamClient iam, String accountId) {
		List<UserDetail> users = new ArrayList<>();
		Map<String, GroupDetail> groups = new HashMap<>();
		Map<String, JsonNode> managed = new HashMap<>();
		for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(request -> request
			.filter(EntityType.USER, EntityType.GROUP, EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY))) {
			users.addAll(page.userDetailList());
			page.groupDetailList().forEach(group -> groups.put(group.groupName(), group));
			for (ManagedPolicyDetail policy : page.policies()) {
				policy.policyVersionList().stream().filter(version -> Boolean.TRUE.equals(version.isDefaultVersion()))
					.map(PolicyVersion::document).findFirst()
					.ifPresent(document -> managed.put(policy.arn(), document(document)));
			}
		}
		List<User> read = new ArrayList<>();
		for (UserDetail user : users) {
			List<Map<String, Object>> policies = new ArrayList<>();
			add(policies, "user", user.userPolicyList(), user.attachedManagedPolicies(), managed);
			for (String groupName : user.groupList()) {
				GroupDetail group = groups.get(groupName);
				if (group != null) {
					add(policies, "group:" + groupName, group.groupPolicyList(), group.attachedManagedPolicies(), managed);
				}
			}
			List<AccessKey> keys = iam.listAccessKeysPaginator(request -> request.userName(user.userName()))
				.accessKeyMetadata()
				.stream()
				.map(key -> new AccessKey(key.accessKeyId(), key.statusAsString()))
				.toList();
			read.add(new User(user.arn(), accountId, user.userName(), user.userId(), policies, keys));
		}
		return read;
	}

	private static void add(List<Map<String, Object>> policies, String via, List<PolicyDetail> inline,
			List<AttachedPolicy> attached, Map<String, JsonNode> managed) {
		for (PolicyDetail policy : inline) {
			policies.add(Map.of("kind", "inline", "via", via, "name", policy.policyName(), "document",
					document(policy.policyDocument())));
		}
		for (AttachedPolicy policy : attached) {
			Map<String, Object> entry = new HashMap<>(Map.of("kind", "managed", "via", via, "name", policy.policyName(),
					"arn", policy.policyArn()));
			if (managed.containsKey(policy.policyArn())) {
				entry.put("document", managed.get(policy.policyArn()));
			}
			policies.add(entry);
		}
	}

	/** The decoded JSON of a URL-encoded policy document. */
	static JsonNode document(String encoded) {
		try {
			return JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("IAM answered a policy document that is not JSON");
		}
	}

}
