package dev.leakpath.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Expiries as the providers write them. The URLs are the examples of each provider's documentation, signatures
 * and all: Azure's "Create a service SAS" (learn.microsoft.com/rest/api/storageservices/create-service-sas), AWS's
 * "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)" and "Signing and authenticating
 * REST requests" (version 2), Google's "V4 signing process with Cloud Storage tools".
 */
class SecretExpiryTests {

	@Test
	void ofWhenAzureServiceSasThenItsSignedExpiry() {
		String sas = "https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2019-02-02"
				+ "&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70"
				+ "&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D";

		assertThat(SecretExpiry.of(sas)).contains(Instant.parse("2019-04-30T02:23:26Z"));
	}

	@Test
	void ofWhenBareSasTokenOrConnectionStringThenItsSignedExpiry() {
		assertThat(SecretExpiry.of("?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2024-05-01T08:30Z&spr=https&sig=abc%3D"))
			.contains(Instant.parse("2024-05-01T08:30:00Z"));
		assertThat(SecretExpiry.of("BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature="
				+ "sv=2015-04-05&sr=b&si=tutorial-policy-635959936145100803&se=2015-04-30&sig=9aCzs76n0E7y5BpEi2GvsSv433BZa22leDOZXX%2BXXIU%3D"))
			.contains(Instant.parse("2015-04-30T00:00:00Z"));
		assertThat(SecretExpiry.of("sv=2019-02-02&se=2019-04-30T02:23:26+02:00&sig=x")).contains(Instant.parse("2019-04-30T00:23:26Z"));
	}

	@Test
	void ofWhenS3PresignedUrlThenDatePlusLifetime() {
		String v4 = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
				+ "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
				+ "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
				+ "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
		String v2 = "https://awsexamplebucket1.s3.us-west-1.amazonaws.com/photos/puppy.jpg"
				+ "?AWSAccessKeyId=AKIAEXAMPLEACCESSKEY&Signature=signature&Expires=1141889120";

		assertThat(SecretExpiry.of(v4)).contains(Instant.parse("2013-05-25T00:00:00Z"));
		assertThat(SecretExpiry.of(v2)).contains(Instant.parse("2006-03-09T07:25:20Z"));
	}

	@Test
	void ofWhenCloudStorageSignedUrlThenDatePlusLifetime() {
		String v4 = "https://storage.googleapis.com/example-bucket/cat.jpeg?X-Goog-Algorithm=GOOG4-RSA-SHA256"
				+ "&X-Goog-Credential=example%40example-project.iam.gserviceaccount.com%2F20181026%2Fus-central1%2Fstorage%2Fgoog4_request"
				+ "&X-Goog-Date=20181026T181309Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host"
				+ "&X-Goog-Signature=247a2aa45f169edf4d187d54e7cc46e4731b1e6273242c4f4c39a1d2507a0e58";

		assertThat(SecretExpiry.of(v4)).contains(Instant.parse("2018-10-26T18:28:09Z"));
	}

	@Test
	void ofWhenJwtThenItsExpClaim() {
		String claims = "{\"aud\":\"https://management.azure.com\",\"tid\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"exp\":1735689600}";
		String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + base64Url(claims) + ".c2lnbmF0dXJl";

		assertThat(SecretExpiry.of("Authorization: Bearer " + jwt)).contains(Instant.parse("2025-01-01T00:00:00Z"));
	}

	@Test
	void ofWhenTheValueNamesNoExpiryThenEmpty() {
		assertThat(SecretExpiry.of("ghp_0123456789abcdefghijABCDEFGHIJ012345")).isEmpty();
		// a se without a signature is no SAS, an Expires without an access key id no signed URL
		assertThat(SecretExpiry.of("https://example.com/?se=2019-04-30&sv=2019-02-02")).isEmpty();
		assertThat(SecretExpiry.of("https://example.com/download?Expires=1141889120")).isEmpty();
		// unreadable forms are no expiry, and never an error
		assertThat(SecretExpiry.of("sv=1&se=tomorrow&sig=x")).isEmpty();
		assertThat(SecretExpiry.of("X-Amz-Date=20130524T000000Z&X-Amz-Expires=-5")).isEmpty();
		assertThat(SecretExpiry.of("eyJhbGciOiJIUzI1NiJ9." + base64Url("{\"sub\":\"1\"}") + ".x")).isEmpty();
		assertThat(SecretExpiry.of("sig=%ZZ&se=%E0%A4%A")).isEmpty();
		assertThat(SecretExpiry.of("")).isEmpty();
		assertThat(SecretExpiry.of(null)).isEmpty();
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
