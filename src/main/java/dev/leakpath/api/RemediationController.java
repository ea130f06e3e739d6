package dev.leakpath.api;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.remediation.RemediationDimension;
import dev.leakpath.remediation.RemediationQueries;
import dev.leakpath.remediation.RemediationReport;
import dev.leakpath.remediation.RemediationWeek;
import dev.leakpath.security.AccessScope;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "remediation")
@RestController
class RemediationController {

	private static final Set<String> DIMENSIONS = Arrays.stream(RemediationDimension.values())
		.map(RemediationDimension::parameter)
		.collect(Collectors.toUnmodifiableSet());

	private final RemediationQueries remediation;

	RemediationController(RemediationQueries remediation) {
		this.remediation = remediation;
	}

	@Operation(operationId = "getRemediation",
			summary = "Mean and p90 time to remediate and SLA compliance of the alerts resolved in the last days, "
					+ "overall and by provider, organisation, repository, secret type or risk, slowest first")
	@Parameters({
			@Parameter(in = ParameterIn.QUERY, name = "by", schema = @Schema(type = "string", allowableValues = {
					"provider", "organization", "repository", "secretType", "risk" }, defaultValue = "provider"),
					description = "what the groups are: provider, organization, repository, secretType or risk"),
			@Parameter(in = ParameterIn.QUERY, name = "days",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "730", defaultValue = "90"),
					description = "the window, in days back from now"),
			@Parameter(ref = ApiParameters.LIMIT) })
	@GetMapping("/api/v1/remediation")
	Mono<RemediationReport> report(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, Set.of("by", "days", "limit"));
		String by = query.oneOf("by", DIMENSIONS);
		return remediation.report(RemediationDimension.of(by == null ? "provider" : by),
				query.number("days", 90, 1, 730), query.limit(), scope.organizationArray());
	}

	@Operation(operationId = "getRemediationWeeks",
			summary = "Opened, fixed and still open alerts and SLA compliance per week (Monday, UTC), oldest first")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "weeks",
			schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "104", defaultValue = "12"),
			description = "how many weeks, this one included") })
	@GetMapping("/api/v1/remediation/weeks")
	Mono<List<RemediationWeek>> weeks(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, Set.of("weeks"));
		return remediation.weeks(query.number("weeks", 12, 1, 104), scope.organizationArray());
	}

}
