package dev.leakpath.demo;

import java.util.Random;

/**
 * The key file of the demo GCP project's service account {@code etl-runner} ({@link GcpDemoMappings#KEY_ID}), as
 * {@code gcloud iam service-accounts keys create} writes it (IAM documentation, "Create and delete service account
 * keys"): it is the secret of the demo's {@code google_cloud_service_account_credentials} alert. Its private key has
 * the shape of a 2048-bit RSA PKCS#8 PEM, but its body is random base64 around the words
 * {@code LeakpathDemoFakeKeyNotARealKey}: it decodes to no key.
 */
final class DemoGcpKeyFile {

	static final String PATH = "airflow/keys/etl-runner.json";

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	// the length of a real 2048-bit RSA PKCS#8 key's base64, and how a PEM breaks it
	private static final int BODY_LENGTH = 1624;

	private static final int LINE_LENGTH = 64;

	private DemoGcpKeyFile() {
	}

	/** The key file's text; the same for the same seed. */
	static String text(long seed) {
		String email = GcpDemoMappings.SERVICE_ACCOUNT;
		// each line ends with a JSON-escaped newline, as in the file: the private key is one JSON string
		return """
				{
				  "type": "service_account",
				  "project_id": "%s",
				  "private_key_id": "%s",
				  "private_key": "%s",
				  "client_email": "%s",
				  "client_id": "%s",
				  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
				  "token_uri": "https://oauth2.googleapis.com/token",
				  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
				  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/%s",
				  "universe_domain": "googleapis.com"
				}""".formatted(GcpDemoMappings.PROJECT_ID, GcpDemoMappings.KEY_ID,
				privateKey(new Random(seed)).replace("\n", "\\n"), email, GcpDemoMappings.UNIQUE_ID,
				email.replace("@", "%40"));
	}

	private static String privateKey(Random random) {
		// a PKCS#8 RSA key's first bytes, so that it looks like one to a scanner, and the words on the first line
		StringBuilder body = new StringBuilder("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBK")
			.append("LeakpathDemoFakeKeyNotARealKey");
		while (body.length() < BODY_LENGTH) {
			body.append(BASE64.charAt(random.nextInt(BASE64.length())));
		}
		StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
		for (int start = 0; start < BODY_LENGTH; start += LINE_LENGTH) {
			pem.append(body, start, Math.min(start + LINE_LENGTH, BODY_LENGTH)).append('\n');
		}
		return pem.append("-----END PRIVATE KEY-----\n").toString();
	}

}
