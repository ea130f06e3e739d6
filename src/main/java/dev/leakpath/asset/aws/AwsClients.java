package dev.leakpath.asset.aws;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Builds the SDK's synchronous clients (called on a bounded elastic thread only, never on an event loop), all on
 * one Apache HTTP client, each call cut off after {@code timeout} and each attempt after {@code attempt-timeout},
 * retried by the SDK's standard strategy: throttling ({@code Throttling}, {@code SlowDown}, 429), 5xx and I/O
 * errors, with exponential back-off; a refused credential or permission is not retried.
 */
@Component
class AwsClients implements DisposableBean {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final AwsInventoryProperties properties;

	private final SdkHttpClient http;

	private final AwsCredentialsProvider defaultCredentials = DefaultCredentialsProvider.builder().build();

	AwsClients(AwsInventoryProperties properties) {
		this.properties = properties;
		this.http = ApacheHttpClient.builder()
			.connectionTimeout(CONNECT_TIMEOUT)
			.socketTimeout(properties.attemptTimeout())
			.maxConnections(8)
			.build();
	}

	/** STS with the default credentials: who they are, and the roles they assume. */
	StsClient sts() {
		return configure(StsClient.builder(), Region.US_EAST_1, defaultCredentials).build();
	}

	/** The credentials that read {@code account}: its role assumed through {@code sts}, or the default ones. */
	AwsCredentialsProvider credentials(AwsInventoryProperties.Account account, StsClient sts) {
		if (account.roleArn() == null || account.roleArn().isBlank()) {
			return defaultCredentials;
		}
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(sts)
			.refreshRequest(request -> request.roleArn(account.roleArn())
				.roleSessionName("leakpath-inventory")
				.externalId(account.externalId()))
			.build();
	}

	/** Closes assumed-role credentials (they refresh in the background); the default ones live as long as this. */
	void release(AwsCredentialsProvider credentials) {
		if (credentials != defaultCredentials && credentials instanceof SdkAutoCloseable closeable) {
			closeable.close();
		}
	}

	S3Client s3(AwsCredentialsProvider credentials) {
		// buckets live in every region: the client follows each to its own
		return configure(S3Client.builder(), Region.US_EAST_1, credentials)
			.forcePathStyle(properties.endpointUrl() != null)
			.crossRegionAccessEnabled(true)
			.build();
	}

	IamClient iam(AwsCredentialsProvider credentials) {
		return configure(IamClient.builder(), Region.AWS_GLOBAL, credentials).build();
	}

	Ec2Client ec2(AwsCredentialsProvider credentials, String region) {
		return configure(Ec2Client.builder(), Region.of(region), credentials).build();
	}

	RdsClient rds(AwsCredentialsProvider credentials, String region) {
		return configure(RdsClient.builder(), Region.of(region), credentials).build();
	}

	RedshiftClient redshift(AwsCredentialsProvider credentials, String region) {
		return configure(RedshiftClient.builder(), Region.of(region), credentials).build();
	}

	private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region region,
			AwsCredentialsProvider credentials) {
		BackoffStrategy backoff = BackoffStrategy.exponentialDelay(properties.retry().initialBackoff(),
				properties.retry().maxBackoff());
		builder.region(region)
			.credentialsProvider(credentials)
			.httpClient(http)
			.overrideConfiguration(ClientOverrideConfiguration.builder()
				.apiCallTimeout(properties.timeout())
				.apiCallAttemptTimeout(properties.attemptTimeout())
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(properties.retry().maxAttempts())
					.backoffStrategy(backoff)
					.throttlingBackoffStrategy(backoff)
					.build())
				.build());
		if (properties.endpointUrl() != null) {
			builder.endpointOverride(properties.endpointUrl());
		}
		return builder;
	}

	@Override
	public void destroy() {
		if (defaultCredentials instanceof SdkAutoCloseable closeable) {
			closeable.close();
		}
		http.close();
	}

}
