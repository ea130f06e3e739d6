package dev.leakpath.identity.aws;

import java.util.List;

/**
 * What an IAM user may do to one S3 bucket: read ({@code s3:GetObject} on its objects, or {@code s3:ListBucket} on
 * it) and write ({@code s3:PutObject} on its objects), as {@link IamEvaluation} decides each.
 *
 * @param read the best decision among the reading actions
 * @param write the decision for writing
 */
public record S3BucketAccess(IamDecision read, IamDecision write) {

	static final String GET_OBJECT = "s3:GetObject";

	static final String LIST_BUCKET = "s3:ListBucket";

	static final String PUT_OBJECT = "s3:PutObject";

	/** Every action asked about: a bucket no Allow of these may apply to is not reached ({@link S3BucketCandidates}). */
	static final List<String> ACTIONS = List.of(GET_OBJECT, LIST_BUCKET, PUT_OBJECT);

	/**
	 * @param bucketPolicies the bucket's policy, when it has one
	 * @param bucketAccountId the account owning the bucket, or null when it is the caller's
	 */
	public static S3BucketAccess of(IamCaller caller, List<IamPolicyDocument> identityPolicies,
			List<IamPolicyDocument> bucketPolicies, String bucketAccountId, String bucket) {
		String bucketArn = "arn:aws:s3:::" + bucket;
		String objects = bucketArn + "/*";
		IamDecision get = IamEvaluation.evaluate(caller, identityPolicies, bucketPolicies, bucketAccountId,
				GET_OBJECT, objects);
		IamDecision list = IamEvaluation.evaluate(caller, identityPolicies, bucketPolicies, bucketAccountId,
				LIST_BUCKET, bucketArn);
		IamDecision put = IamEvaluation.evaluate(caller, identityPolicies, bucketPolicies, bucketAccountId,
				PUT_OBJECT, objects);
		return new S3BucketAccess(best(get, list), put);
	}

	/** Whether the user may do anything to the bucket, surely or if conditions hold. */
	public boolean reaches() {
		return read.mayAllow() || write.mayAllow();
	}

	private static IamDecision best(IamDecision one, IamDecision other) {
		if (one == IamDecision.ALLOWED || other == IamDecision.ALLOWED) {
			return IamDecision.ALLOWED;
		}
		return one.mayAllow() ? one : other;
	}

}
