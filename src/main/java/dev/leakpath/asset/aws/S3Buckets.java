package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.leakpath.asset.AssetInput;

/**
 * The account's S3 buckets ({@code ListBuckets}, paged), each internet-exposed when its bucket policy is public
 * ({@code GetBucketPolicyStatus}) and its public access block does not restrict public buckets
 * ({@code GetPublicAccessBlock}). Public ACLs and the account-level block are not read. Each bucket's policy
 * ({@code GetBucketPolicy}) is kept for the IAM evaluation; one that cannot be read is kept as unreadable, so that
 * the evaluation assumes the bucket reachable rather than failing the read.
 */
final class S3Buckets {

	private S3Buckets() {
	}

	/**
	 * @param policy the bucket policy's JSON, or null when it has none or it could not be read
	 * @param readable whether {@code GetBucketPolicy} answered (a policy or {@code NoSuchBucketPolicy})
	 */
	record BucketPolicy(String bucketArn, String policy, boolean readable) {
	}

	record Read(List<AssetInput> assets, List<BucketPolicy> policies) {
	}

	static Read read(S3Client s3, String accountId) {
		List<AssetInput> assets = new ArrayList<>();
		List<BucketPolicy> policies = new ArrayList<>();
		for (Bucket bucket : s3.listBucketsPaginator(request -> request.maxBuckets(1000)).buckets()) {
			String name = bucket.name();
			String region = bucket.bucketRegion();
			List<String> hosts = new ArrayList<>();
			hosts.add(name + ".s3.amazonaws.com");
			if (region != null) {
				hosts.add(name + ".s3." + region + ".amazonaws.com");
			}
			boolean exposed = policyIsPublic(s3, name) && !restrictsPublicBuckets(s3, name);
			assets.add(new AssetInput("aws", "AWS::S3::Bucket", "arn:aws:s3:::" + name, name, hosts, region, accountId,
					Map.of(), exposed, null, null, List.of()));
			policies.add(policy(s3, name));
		}
		return new Read(assets, policies);
	}

	/** No bucket policy ({@code NoSuchBucketPolicy}) is none; any other refusal leaves it unknown. */
	private static BucketPolicy policy(S3Client s3, String bucket) {
		String arn = "arn:aws:s3:::" + bucket;
		try {
			return new BucketPolicy(arn, s3.getBucketPolicy(request -> request.bucket(bucket)).policy(), true);
		}
		catch (S3Exception ex) {
			return errorCode(ex).equals("NoSuchBucketPolicy") ? new BucketPolicy(arn, null, true)
					: new BucketPolicy(arn, null, false);
		}
	}

	/** No bucket policy ({@code NoSuchBucketPolicy}) is not a public one. */
	private static boolean policyIsPublic(S3Client s3, String bucket) {
		try {
			return Boolean.TRUE.equals(s3.getBucketPolicyStatus(request -> request.bucket(bucket)).policyStatus().isPublic());
		}
		catch (S3Exception ex) {
			if (errorCode(ex).equals("NoSuchBucketPolicy")) {
				return false;
			}
			throw ex;
		}
	}

	/** No block ({@code NoSuchPublicAccessBlockConfiguration}) restricts nothing. */
	private static boolean restrictsPublicBuckets(S3Client s3, String bucket) {
		try {
			PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(request -> request.bucket(bucket))
				.publicAccessBlockConfiguration();
			return Boolean.TRUE.equals(block.restrictPublicBuckets());
		}
		catch (S3Exception ex) {
			if (errorCode(ex).equals("NoSuchPublicAccessBlockConfiguration")) {
				return false;
			}
			throw ex;
		}
	}

	private static String errorCode(S3Exception ex) {
		return ex.awsErrorDetails() == null || ex.awsErrorDetails().errorCode() == null ? ""
				: ex.awsErrorDetails().errorCode();
	}

}
