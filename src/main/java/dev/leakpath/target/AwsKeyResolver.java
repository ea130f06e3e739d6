package dev.leakpath.target;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * AWS access key ids: the account they belong to, decoded offline, and the key id's fingerprint
 * ({@link AwsKeys#fingerprint}), by which the identity layer finds the key's IAM user. The key id itself is not kept.
 */
final class AwsKeyResolver implements TargetResolver {

	@Override
	public Set<String> secretTypes() {
		return Set.of("aws_access_key_id", "aws_temporary_access_key_id", "aws_secret_access_key", "aws_session_token",
				"AwsCredentials");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher keyId = AwsKeys.KEY_ID.matcher(text);
		while (keyId.find()) {
			String id = keyId.group(1);
			Optional<String> account = AwsKeys.account(id);
			if (account.isPresent()) {
				return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "aws", "AWS::IAM::AccessKey", null, null,
						account.get(), null, null, AwsKeys.fingerprint(id), AwsKeys.kind(id) + " id (account decoded from the id)",
						SecretTarget.HIGH));
			}
			return Optional.of(new SecretTarget(TargetKind.CLOUD_IDENTITY, "aws", "AWS::IAM::AccessKey", null, null,
					null, null, null, AwsKeys.fingerprint(id), "old-generation " + AwsKeys.kind(id) + " id: no account in it",
					SecretTarget.MEDIUM));
		}
		return Optional.empty();
	}

}
