package dev.leakpath.testsupport;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic fake secret values in each provider's format. Every value is unique per instance and carries at least
 * 16 random characters, so a test can search logs or the database for it. The hosts and accounts are made up, and
 * the random tail of checksummed formats (ghp_, npm_) does not carry a valid checksum.
 */
public final class FakeSecrets {

	private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	private static final String BASE64 = BASE62 + "+/";
	private static final String BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	private static final String BASE32_LOWER = BASE32_UPPER.toLowerCase();
	private static final String URL_SAFE = BASE62 + "-_";
	private static final String DIGITS = "0123456789";
	private static final String HEX = "0123456789abcdef";

	private final Random random;
	private final Set<String> issued = new HashSet<>();

	public FakeSecrets(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * A value never returned before by this instance.
	 *
	 * @throws IllegalArgumentException for a secret type without a fake format here
	 */
	public String next(String secretType) {
		String value;
		do {
			value = generate(secretType);
		} while (!issued.add(value));
		return value;
	}

	/** A 40-character lowercase hex string, for commit and blob SHAs. */
	public String sha() {
		return chars(HEX, 40);
	}

	private String generate(String secretType) {
		switch (secretType) {
			case "azure_storage_account_key":
				return chars(BASE64, 86) + "==";
			case "azure_sas_token":
				return "https://acmeprodstore.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl"
						+ "&se=2027-01-01T00:00:00Z&sig=" + chars(BASE62, 43) + "%3D";
			case "azure_cosmosdb_key_identifiable":
				return chars(BASE64, 76) + "ACDb" + chars(BASE64, 6) + "==";
			case "azure_devops_personal_access_token":
				return chars(BASE32_LOWER, 52);
			case "aws_access_key_id":
				return "AKIA" + chars(BASE32_UPPER, 16);
			case "github_personal_access_token":
				return "ghp_" + chars(BASE62, 36);
			case "slack_api_token":
				return "xoxb-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(BASE62, 24);
			case "openai_api_key":
				return "sk-proj-" + chars(URL_SAFE, 64);
			case "npm_access_token":
				return "npm_" + chars(BASE62, 36);
			case "google_api_key":
				return "AIza" + chars(URL_SAFE, 35);
			case "postgres_connection_string":
				return "postgresql://app:Pa55" + chars(BASE62, 16)
						+ "@db-acme-prod.postgres.database.azure.com:5432/orders";
			case "mongodb_connection_string":
				return "mongodb+srv://orders-svc:" + chars(BASE62, 20)
						+ "@cluster0.k3x9q.mongodb.net/orders?retryWrites=true&w=majority";
			case "rsa_private_key":
				return rsaPrivateKeyPem();
			case "acme_internal_service_token":
				return "acmesvc_" + chars(BASE62, 32);
			default:
				throw new IllegalArgumentException("no fake format for secret type " + secretType);
		}
	}

	// Random base64 in a PEM frame: it looks like a key to a scanner but does not decode to one.
	private String rsaPrivateKeyPem() {
		StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
		for (int line = 0; line < 12; line++) {
			pem.append(chars(BASE64, 64)).append('\n');
		}
		return pem.append(chars(BASE64, 20)).append("==\n-----END RSA PRIVATE KEY-----").toString();
	}

	private String chars(String alphabet, int count) {
		StringBuilder value = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}
}
