package dev.leakpath.target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed URLs: Azure SAS URLs (the account host; {@code sktid}, the tenant of a user-delegation SAS),
 * S3 pre-signed URLs (bucket, region and the signing key's account) and Cloud Storage signed URLs (bucket,
 * and the signer's project). Signatures are never read into the target.
 */
final class SignedUrlResolver implements TargetResolver {

	private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>`\\\\)]+", Pattern.CASE_INSENSITIVE);

	private static final Pattern SERVICE_ACCOUNT_PROJECT = Pattern.compile("@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com");

	@Override
	public Set<String> secretTypes() {
		return Set.of("azure_sas_token", "azure_storage_sas_url", "aws_s3_presigned_url",
				"google_cloud_storage_signed_url");
	}

	@Override
	public Optional<SecretTarget> resolve(String text, String secretType) {
		Matcher urls = URL.matcher(text);
		while (urls.find()) {
			Optional<SecretTarget> target = signed(urls.group());
			if (target.isPresent()) {
				return target;
			}
		}
		return Optional.empty();
	}

	private static Optional<SecretTarget> signed(String url) {
		int question = url.indexOf('?');
		if (question < 0) {
			return Optional.empty();
		}
		String authorityAndPath = url.substring(url.indexOf("//") + 2, question);
		int slash = authorityAndPath.indexOf('/');
		String host = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
		String path = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
		String firstSegment = path.isEmpty() ? null : path.split("/")[0];
		Map<String, String> query = query(url.substring(question + 1));
		if (query.containsKey("x-amz-credential") || query.containsKey("awsaccesskeyid")) {
			return s3(host, firstSegment, query);
		}
		if (query.containsKey("x-goog-credential") || query.containsKey("googleaccessid")) {
			return gcs(host, firstSegment, query);
		}
		if (query.containsKey("sig") && (query.containsKey("sv") || query.containsKey("se"))) {
			return HostCatalogue.lookup(host, null, "SAS URL host")
				.map(target -> query.containsKey("sktid") ? target.withTenantId(query.get("sktid")) : target);
		}
		return Optional.empty();
	}

	private static Optional<SecretTarget> s3(String host, String firstSegment, Map<String, String> query) {
		String credential = query.getOrDefault("x-amz-credential", query.get("awsaccesskeyid"));
		String[] scope = credential.split("/");
		String region = scope.length >= 3 ? scope[2] : null;
		Optional<String> account = AwsKeys.account(scope[0]);
		return HostCatalogue.lookup(host, firstSegment, "S3 pre-signed URL").map(target -> {
			SecretTarget withRegion = target.region() != null || region == null ? target
					: SecretTarget.resource(target.cloud(), target.resourceType(), target.name(), target.host(), region,
							target.evidence(), target.confidence());
			return account.map(withRegion::withAccountId).orElse(withRegion);
		});
	}

	private static Optional<SecretTarget> gcs(String host, String firstSegment, Map<String, String> query) {
		String signer = query.getOrDefault("x-goog-credential", query.get("googleaccessid"));
		Matcher project = SERVICE_ACCOUNT_PROJECT.matcher(signer.toLowerCase(Locale.ROOT));
		return HostCatalogue.lookup(host, firstSegment, "Cloud Storage signed URL")
			.map(target -> project.find() ? target.withAccountId(project.group(1)) : target);
	}

	private static Map<String, String> query(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				try {
					parameters.putIfAbsent(pair.substring(0, equals).toLowerCase(Locale.ROOT),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					// a malformed escape: this parameter is of no use, the others may be
				}
			}
		}
		return parameters;
	}

}
