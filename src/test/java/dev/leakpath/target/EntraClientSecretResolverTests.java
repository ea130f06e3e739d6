package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Entra client secrets in the files they are leaked in, as Microsoft documents them: the output of
 * {@code az ad sp create-for-rbac} ("Create an Azure service principal with the Azure CLI": {@code appId},
 * {@code displayName}, {@code password}, {@code tenant}), the environment {@code EnvironmentCredential} reads
 * ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_SECRET}), a Microsoft.Identity.Web
 * {@code appsettings.json} ({@code AzureAd}: {@code Instance}, {@code TenantId}, {@code ClientId},
 * {@code ClientSecret}) and {@code az login --service-principal -u APP_ID -p SECRET --tenant TENANT}.
 */
class EntraClientSecretResolverTests {

	/** Made up, of the identifiable format's shape ({@code [\w~.]{3}\dQ~[\w~.-]{31,34}}). */
	private static final String SECRET = "Xy38Q~notARealSecretJustTheShape.0123456";

	private static final String APP_ID = "9a8b7c6d-0000-4000-8000-0000000000c2";

	private static final String TENANT_ID = "72f988bf-0000-4000-8000-0000000000aa";

	private final TargetResolution resolution = new TargetResolution();

	@Test
	void resolveWhenCreateForRbacOutputThenTheAppIdAndTenantAreTheTarget() {
		String context = """
				{
				  "appId": "%s",
				  "displayName": "deploy-bot",
				  "password": "%s",
				  "tenant": "%s"
				}
				""".formatted(APP_ID, SECRET, TENANT_ID);

		SecretTarget target = resolve("azure_active_directory_application_secret", context);

		assertThat(target.kind()).isEqualTo(TargetKind.CLOUD_IDENTITY);
		assertThat(target.cloud()).isEqualTo("azure");
		assertThat(target.resourceType()).isEqualTo("Microsoft.Entra/applications");
		assertThat(target.name()).isEqualTo(APP_ID);
		assertThat(target.tenantId()).isEqualTo(TENANT_ID);
		// the contract's fingerprint (V202612130000): printf %s 9a8b7c6d-0000-4000-8000-0000000000c2 | sha256sum
		assertThat(target.keyFingerprint()).isEqualTo(EntraClientIds.fingerprint(APP_ID)).startsWith("sha256:");
		assertThat(target.confidence()).as("from the text around the secret").isEqualTo(SecretTarget.MEDIUM);
		assertThat(target.evidence()).isEqualTo("near the secret: client id and tenant written beside the secret");
		assertThat(target.toString()).doesNotContain(SECRET);
	}

	@Test
	void resolveWhenEnvironmentFileThenUpperCaseIdsAreLowerCased() {
		String context = "AZURE_TENANT_ID=contoso.onmicrosoft.com\nAZURE_CLIENT_ID=" + APP_ID.toUpperCase()
				+ "\nAZURE_CLIENT_SECRET=" + SECRET + "\n";

		SecretTarget target = resolve("AadClientAppIdentifiableCredentials", context);

		assertThat(target.name()).isEqualTo(APP_ID);
		assertThat(target.tenantId()).isEqualTo("contoso.onmicrosoft.com");
	}

	@Test
	void resolveWhenIdentityWebSettingsThenTheClientIdBesideTheSecret() {
		String context = """
				"AzureAd": {
				  "Instance": "https://login.microsoftonline.com/",
				  "TenantId": "%s",
				  "ClientId": "%s",
				  "ClientSecret": "%s"
				}
				""".formatted(TENANT_ID, APP_ID, SECRET);

		SecretTarget target = resolve("SEC101/156", context);

		assertThat(target.name()).isEqualTo(APP_ID);
		assertThat(target.tenantId()).isEqualTo(TENANT_ID);
	}

	@Test
	void resolveWhenCliLoginThenTheUserNameIsTheApplication() {
		String context = "az login --service-principal -u " + APP_ID + " -p '" + SECRET + "' --tenant " + TENANT_ID;

		SecretTarget target = resolve("azure_active_directory_application_secret", context);

		assertThat(target.name()).isEqualTo(APP_ID);
		assertThat(target.tenantId()).isEqualTo(TENANT_ID);
	}

	@Test
	void resolveWhenTwoApplicationsNearbyThenLowConfidence() {
		String other = "11111111-2222-4333-8444-555555555555";
		String context = "client_id = \"" + APP_ID + "\"\nclient_secret = \"" + SECRET + "\"\nreader_client_id = \""
				+ other + "\"\n";

		SecretTarget target = resolve("azure_active_directory_application_secret", context);

		assertThat(target.name()).isEqualTo(APP_ID);
		assertThat(target.confidence()).isEqualTo(SecretTarget.LOW);
		assertThat(target.evidence()).contains("the first of 2 client ids");
	}

	@Test
	void resolveWhenNoClientIdNearbyThenUnresolved() {
		SecretTarget target = resolve("azure_active_directory_application_secret",
				"secret: " + SECRET + "\nname: deploy-bot\n");

		assertThat(target.resolved()).isFalse();
	}

	@Test
	void resolveWhenAnotherSecretTypeBesideAClientIdThenNotAnEntraApplication() {
		SecretTarget target = resolve("generic_password", "client_id=" + APP_ID + "\npassword=hunter2hunter2\n");

		assertThat(target.kind()).isNotEqualTo(TargetKind.CLOUD_IDENTITY);
	}

	private SecretTarget resolve(String secretType, String context) {
		return resolution.resolve(new SecretText(secretType, SECRET, context));
	}

}
