package dev.leakpath.asset.gcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import dev.leakpath.ingest.RetrySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * @param credentialsFile a service-account key file (JSON, as the console or {@code gcloud iam service-accounts keys
 * create} writes it), kept outside the repository; the connector is off while unset
 * @param scope what to read: {@code projects/ID}, {@code folders/ID} or {@code organizations/ID}; the service account
 * needs {@code roles/cloudasset.viewer} on it
 * @param assetUrl the Cloud Asset API root
 * @param tokenUrl where the signed assertion is exchanged for a token; unset uses the key file's {@code token_uri}
 * @param interval time between two reads
 * @param initialDelay wait before the first read after start-up
 * @param pageSize results asked for per page ({@code pageSize}, at most 500)
 * @param maxPages most pages one listing follows; a longer one fails the read, which keeps the stored inventory
 * @param timeout longest wait for one request (a token or a page), answer included; then it is retried
 * @param retry attempts and waits for 429, 5xx, connection errors and timeouts
 */
@Validated
@ConfigurationProperties("leakpath.assets.gcp")
record GcpInventoryProperties(Path credentialsFile,
		@Pattern(regexp = "(projects|folders|organizations)/[A-Za-z0-9._:-]+",
				message = "must be projects/ID, folders/ID or organizations/ID") String scope,
		@DefaultValue("https://cloudasset.googleapis.com") URI assetUrl, URI tokenUrl,
		@DefaultValue("PT1H") Duration interval, @DefaultValue("PT0S") Duration initialDelay,
		@Min(1) @Max(500) @DefaultValue("500") int pageSize, @Min(1) @DefaultValue("1000") int maxPages,
		@DefaultValue("PT60S") Duration timeout, @Valid @DefaultValue RetrySettings retry) {

	boolean configured() {
		return credentialsFile != null && StringUtils.hasText(scope);
	}

}
