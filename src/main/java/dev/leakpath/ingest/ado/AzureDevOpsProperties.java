package dev.leakpath.ingest.ado;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.leakpath.ingest.RetrySettings;
import dev.leakpath.settings.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * @param organizations Azure DevOps organisations whose secret alerts are polled
 * @param apiUrl root of the core REST API (projects, repositories)
 * @param advsecUrl root of the Advanced Security REST API (alerts)
 * @param pat personal access token with Advanced Security (read), Code (read) and Project (read)
 * @param entra Microsoft Entra service principal, used when no PAT is set
 * @param pollInterval time between two polls of every organisation
 * @param pageSize alerts asked for per request ({@code top})
 * @param watermarkOverlap how far before a pass's start the next pass asks for changes
 * ({@code criteria.modifiedSince}), to allow for clock skew
 * @param throttle slowing down before Azure DevOps starts delaying or blocking
 * @param retry retry and rate-limit waiting
 */
@Validated
@ConfigurationProperties("leakpath.azure-devops")
public record AzureDevOpsProperties(List<String> organizations,
		@NotNull @DefaultValue("https://dev.azure.com") URI apiUrl,
		@NotNull @DefaultValue("https://advsec.dev.azure.com") URI advsecUrl, String pat, @Valid @DefaultValue Entra entra,
		@DefaultValue("PT5M") Duration pollInterval, @Min(1) @Max(10_000) @DefaultValue("100") int pageSize,
		@DefaultValue("PT10M") Duration watermarkOverlap, @Valid @DefaultValue Throttle throttle,
		@Valid @DefaultValue RetrySettings retry) {

	public AzureDevOpsProperties {
		HttpUrls.require("leakpath.azure-devops.api-url", apiUrl);
		HttpUrls.require("leakpath.azure-devops.advsec-url", advsecUrl);
		organizations = organizations == null ? List.of()
				: organizations.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

	/** Says whether the PAT is set, never what it is. */
	@Override
	public String toString() {
		return "AzureDevOpsProperties[organizations=" + organizations + ", apiUrl=" + apiUrl + ", advsecUrl="
				+ advsecUrl + ", pat=" + (StringUtils.hasText(pat) ? "(set)" : "(unset)") + ", entra=" + entra
				+ ", pollInterval=" + pollInterval + ", pageSize=" + pageSize + ", watermarkOverlap=" + watermarkOverlap
				+ ", throttle=" + throttle + ", retry=" + retry + "]";
	}

	public boolean hasCredentials() {
		return StringUtils.hasText(pat) || entra.configured();
	}

	/**
	 * @param tenantId the Entra tenant
	 * @param clientId the service principal's application (client) id
	 * @param clientSecret the service principal's secret
	 * @param tokenUrl where tokens come from; {@code {tenant}} is replaced by the tenant id
	 */
	public record Entra(String tenantId, String clientId, String clientSecret,
			@DefaultValue("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token") String tokenUrl) {

		boolean configured() {
			return StringUtils.hasText(clientId);
		}

		/** Says whether the client secret is set, never what it is. */
		@Override
		public String toString() {
			return "Entra[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
					+ (StringUtils.hasText(clientSecret) ? "(set)" : "(unset)") + ", tokenUrl=" + tokenUrl + "]";
		}

	}

	/**
	 * @param lowRemaining below this many {@code X-RateLimit-Remaining} units, wait before the next request
	 * @param lowRemainingDelay that wait
	 */
	public record Throttle(@Min(0) @DefaultValue("20") int lowRemaining,
			@DefaultValue("PT2S") Duration lowRemainingDelay) {
	}

}
