package dev.leakpath.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param schedule whether polls run on their own; when off, only {@code POST /api/v1/sync} starts one
 * @param initialDelay wait after start-up before the first scheduled poll
 * @param concurrency how many scopes (organisations) are polled at once
 * @param repositoryMetadataTtl how long repository metadata (visibility, archived, default branch) is cached
 * @param readSecretContext whether the file around a secret whose value names nothing (a bare storage key) is
 * read, in memory, to find what it can authenticate to
 * @param maxContextReadsPerPage at most this many such file reads per page of alerts (one request each)
 */
@Validated
@ConfigurationProperties("leakpath.sync")
record SyncProperties(@DefaultValue("true") boolean schedule, @DefaultValue("PT5S") Duration initialDelay,
		@Min(1) @DefaultValue("2") int concurrency, @DefaultValue("PT24H") Duration repositoryMetadataTtl,
		@DefaultValue("true") boolean readSecretContext, @Min(0) @DefaultValue("20") int maxContextReadsPerPage) {
}
