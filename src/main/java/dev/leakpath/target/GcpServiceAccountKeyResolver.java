package dev.leakpath.target;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GCP service-account key files (IAM documentation, "Create and delete service account keys": JSON with
 * {@code private_key_id} and {@code client_email}): the key's id and the project of its account, which the
 * GCP inventory's {@code gcp_service_account_key} table joins to the account. The key id is kept only as its
 * {@link CredentialFingerprint}, by which the identity layer finds the key's service account (as for AWS keys); the
 * private key is not kept.
 */
final class GcpServiceAccountKeyResolver implements TargetResolver {

	private static final Pattern KEY_ID = Pattern.compile("\"private_key_id\"\\s*:\\s*\"([0-9a-f]{40})\"");

	private static final Pattern CLIENT_EMAIL = Pattern
		.compile("\"client_email\"\\s*:\\s*\"[^\"@\\s]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com\"");

	@Override
	public Set<String> secretTypes() {
		return Set.of("google_cloud_service_account_credentials");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher keyId = KEY_ID.matcher(text);
		if (!keyId.find()) {
			return Optional.empty();
		}
		Matcher email = CLIENT_EMAIL.matcher(text);
		String project = email.find() ? email.group(1) : null;
		return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "gcp", "iam.googleapis.com/ServiceAccountKey",
				keyId.group(1), null, project, null, null, CredentialFingerprint.of(keyId.group(1)),
				"service-account key file private_key_id" + (project == null ? "" : " and client_email's project"),
				SecretTarget.HIGH));
	}

}
