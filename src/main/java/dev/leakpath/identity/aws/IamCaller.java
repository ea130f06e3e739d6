package dev.leakpath.identity.aws;

/**
 * The IAM user an access key belongs to.
 *
 * @param arn {@code arn:aws:iam::123456789012:user/path/name}
 * @param accountId its account
 * @param userName for the policy variable {@code ${aws:username}}
 */
public record IamCaller(String arn, String accountId, String userName) {
}
