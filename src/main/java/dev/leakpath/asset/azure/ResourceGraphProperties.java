package dev.leakpath.asset.azure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.leakpath.ingest.RetrySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * @param managementUrl Azure Resource Manager root
 * @param tokenUrl where tokens come from; {@code {tenant}} is replaced by the tenant id
 * @param tenantId the Entra tenant of the service principal
 * @param clientId the service principal (needs Reader on the subscriptions); the connector is off while unset
 * @param clientSecret the service principal's secret
 * @param subscriptions subscriptions to read; empty means every subscription the principal can read
 * @param interval time between two reads of the inventory
 * @param pageSize rows asked for per request ({@code $top}, at most 1000)
 * @param maxPages most pages one read follows; a listing with more fails the read, which keeps the stored
 * inventory (a partial listing would delete every resource past the last page read)
 * @param timeout longest wait for one request (a token or a page), answer included; then it is retried
 * @param retry attempts and waits for 429, 5xx, connection errors and timeouts
 * @param graphUrl Microsoft Graph root, where the service principals that role assignments name are read
 * ({@code Application.Read.All}); a refusal keeps the assignments, their reach marked assumed
 */
@Validated
@ConfigurationProperties("leakpath.assets.resource-graph")
record ResourceGraphProperties(@DefaultValue("https://management.azure.com") URI managementUrl,
		@DefaultValue("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token") String tokenUrl, String tenantId,
		String clientId, String clientSecret, List<String> subscriptions, @DefaultValue("PT1H") Duration interval,
		@Min(1) @Max(1000) @DefaultValue("1000") int pageSize, @Min(1) @DefaultValue("1000") int maxPages,
		@DefaultValue("PT60S") Duration timeout, @Valid @DefaultValue RetrySettings retry,
		@DefaultValue("https://graph.microsoft.com") URI graphUrl) {

	ResourceGraphProperties {
		subscriptions = subscriptions == null ? List.of()
				: subscriptions.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

	boolean configured() {
		return StringUtils.hasText(clientId);
	}

	/** The token endpoint of the tenant. */
	URI tenantTokenUrl() {
		return URI.create(tokenUrl.replace("{tenant}", String.valueOf(tenantId)));
	}

	@Override
	public String toString() {
		return "ResourceGraphProperties[managementUrl=" + managementUrl + ", tenantId=" + tenantId + ", clientId="
				+ clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***") + ", subscriptions="
				+ subscriptions + ", interval=" + interval + ", pageSize=" + pageSize + ", maxPages=" + maxPages
				+ ", timeout=" + timeout + ", retry=" + retry + ", graphUrl=" + graphUrl + "]";
	}

}
