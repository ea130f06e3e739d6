package dev.leakpath.identity.gcp;

/**
 * One member of one role in an IAM policy (a row of {@code gcp_iam_binding}).
 *
 * @param resource where the policy is set: a resource's full name ({@code //storage.googleapis.com/BUCKET}), or
 * {@code projects/NUMBER}, {@code folders/ID}, {@code organizations/ID}
 * @param role e.g. {@code roles/storage.objectViewer}
 * @param member e.g. {@code serviceAccount:EMAIL}, {@code allUsers}
 * @param conditional the binding has an IAM condition, which is not evaluated
 */
public record GcpBinding(String resource, String role, String member, boolean conditional) {
}
