package dev.leakpath.asset.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import dev.leakpath.ingest.RetrySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether the AWS inventory is read; credentials come from the SDK's default provider chain
 * @param regions the regions whose EC2 instances, RDS databases and Redshift clusters are read
 * @param accounts the accounts to read, each optionally through a role to assume; empty means the account of
 * the default credentials (STS {@code GetCallerIdentity})
 * @param interval time between two reads
 * @param initialDelay wait before the first read after start-up
 * @param endpointUrl one endpoint for every service instead of AWS's (S3 then path-style); for tests and
 * emulators only
 * @param timeout longest wait for one API call, retries included ({@code apiCallTimeout})
 * @param attemptTimeout longest wait for one attempt of a call ({@code apiCallAttemptTimeout})
 * @param retry attempts and back-off of the SDK's standard retry strategy (throttling, 5xx, I/O errors)
 */
@Validated
@ConfigurationProperties("leakpath.assets.aws")
record AwsInventoryProperties(@DefaultValue("false") boolean enabled, @DefaultValue("us-east-1") @NotEmpty List<String> regions,
		@Valid List<Account> accounts, @DefaultValue("PT1H") Duration interval, @DefaultValue("PT0S") Duration initialDelay,
		URI endpointUrl, @DefaultValue("PT120S") Duration timeout, @DefaultValue("PT30S") Duration attemptTimeout,
		@Valid @DefaultValue RetrySettings retry) {

	AwsInventoryProperties {
		accounts = accounts == null ? List.of() : List.copyOf(accounts);
		regions = regions.stream().map(String::strip).filter(region -> !region.isEmpty()).toList();
	}

	/**
	 * @param id the 12-digit account id
	 * @param roleArn a role in that account to assume (STS {@code AssumeRole}); unset reads with the default
	 * credentials
	 * @param externalId the external id the role's trust policy asks for, if any
	 */
	record Account(@NotBlank String id, String roleArn, String externalId) {

		@Override
		public String toString() {
			return "Account[id=" + id + ", roleArn=" + roleArn + ", externalId=" + (externalId == null ? "unset" : "***")
					+ "]";
		}

	}

}
