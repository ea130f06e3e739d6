package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A service-account key file as IAM's documentation shows one ("Create and delete service account keys": {@code
 * type}, {@code project_id}, {@code private_key_id}, {@code private_key}, {@code client_email}, ...), with a fake
 * key, as GitHub's {@code google_cloud_service_account_credentials} alert holds it.
 */
class GcpServiceAccountKeyResolverTests {

	private static final String KEY_FILE = """
			{
			  "type": "service_account",
			  "project_id": "acme-analytics",
			  "private_key_id": "8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8",
			  "private_key": "-----BEGIN PRIVATE KEY-----\\nFAKEDEMOKEY\\n-----END PRIVATE KEY-----\\n",
			  "client_email": "etl-runner@acme-analytics.iam.gserviceaccount.com",
			  "client_id": "104928375610293847561",
			  "token_uri": "https://oauth2.googleapis.com/token"
			}
			""";

	private static final String FINGERPRINT = "16d0aba55045fbc8bd75d77c0699d8441df15996f56aba473221c9453dcdd907";

	private final TargetResolution resolution = new TargetResolution();

	@Test
	void resolveWhenAKeyFileThenItsKeyIdAndProjectAreTheTargetAndNothingOfTheKey() {
		SecretTarget target = resolution.resolve(new SecretText("google_cloud_service_account_credentials", KEY_FILE,
				null));

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.cloud()).isEqualTo("gcp");
		assertThat(target.resourceType()).isEqualTo("iam.googleapis.com/ServiceAccountKey");
		assertThat(target.name()).isEqualTo("8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8");
		assertThat(target.accountId()).isEqualTo("acme-analytics");
		// the contract's fingerprint (V202612130000), by which identity_credential finds the service account:
		// printf %s 8f2b6c1d9e0a4b3c7d5e6f708192a3b4c5d6e7f8 | sha256sum
		assertThat(target.keyFingerprint()).isEqualTo("sha256:" + FINGERPRINT);
		assertThat(target.toString()).doesNotContain("FAKEDEMOKEY");
	}

	@Test
	void resolveWhenNoKeyIdThenNotThisResolver() {
		assertThat(new GcpServiceAccountKeyResolver().resolve("{\"type\": \"service_account\"}",
				"google_cloud_service_account_credentials")).isEmpty();
	}

}
