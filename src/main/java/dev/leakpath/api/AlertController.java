package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.leakpath.alert.AlertExports;
import dev.leakpath.alert.AlertFilter;
import dev.leakpath.alert.AlertQueries;
import dev.leakpath.alert.AlertSummary;
import dev.leakpath.alert.AlertSummaryQueries;
import dev.leakpath.alert.AlertView;
import dev.leakpath.attackpath.AttackPathQueries;
import dev.leakpath.export.CsvAlerts;
import dev.leakpath.export.SarifAlerts;
import dev.leakpath.model.AlertStates;
import dev.leakpath.secrettype.SecretTypeCatalogue;
import dev.leakpath.security.AccessScope;
import dev.leakpath.sql.ListOrder;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "alerts")
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	static final Set<String> PROVIDERS = Set.of("github", "azure_devops");

	/** The neutral state: the providers' own words (Azure DevOps's active, dismissed, …) are providerState. */
	static final Set<String> STATES = Set.of(AlertStates.OPEN, AlertStates.RESOLVED);

	static final Set<String> VALIDITIES = Set.of("active", "inactive", "unknown");

	private static final Set<String> PARAMETERS = Set.of("provider", "organization", "repository", "state",
			"secretType", "validity", "expired", "sort", "limit", "cursor");

	private static final Set<String> EXPORT_PARAMETERS = Set.of("provider", "organization", "repository", "state",
			"secretType", "validity", "expired", "format");

	static final String EXPIRED = "true: alerts whose secret has expired by its own word (a SAS se, a signed URL's "
			+ "lifetime, a JWT exp); false: every other";

	private final AlertQueries alerts;

	private final AlertSummaryQueries summaries;

	private final AlertExports exports;

	private final SarifAlerts sarif;

	private final SecretTypeCatalogue catalogue;

	private final AttackPathQueries attackPaths;

	AlertController(AlertQueries alerts, AlertSummaryQueries summaries, AlertExports exports, SarifAlerts sarif,
			SecretTypeCatalogue catalogue, AttackPathQueries attackPaths) {
		this.attackPaths = attackPaths;
		this.catalogue = catalogue;
		this.alerts = alerts;
		this.summaries = summaries;
		this.exports = exports;
		this.sarif = sarif;
	}

	@Operation(operationId = "listAlerts",
			summary = "Alerts, newest first or ranked by risk, with risk, locations, secret preview and target")
	@Parameters({ @Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(ref = ApiParameters.ORGANIZATION),
			@Parameter(in = ParameterIn.QUERY, name = "repository", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "owner/name, or project/name on Azure DevOps"),
			@Parameter(in = ParameterIn.QUERY, name = "state", schema = @Schema(type = "string", allowableValues = { "open", "resolved" }),
					description = "open or resolved, for every provider (the provider's own word is each alert's providerState)"),
			@Parameter(in = ParameterIn.QUERY, name = "secretType", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "a secret-type id of the catalogue (GET /api/v1/secret-types), matching every provider; a provider's own name for a mapped type is taken as its id"),
			@Parameter(in = ParameterIn.QUERY, name = "validity", schema = @Schema(type = "string", allowableValues = { "active", "inactive", "unknown" }),
					description = "active, inactive or unknown"),
			@Parameter(in = ParameterIn.QUERY, name = "expired", schema = @Schema(type = "boolean"),
					description = EXPIRED),
			@Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(type = "string", allowableValues = { "newest", "risk" }, defaultValue = "newest"),
					description = "newest (default) or risk: highest risk score first, newest first within a score"),
			@Parameter(ref = ApiParameters.LIMIT),
			@Parameter(ref = ApiParameters.CURSOR) })
	@GetMapping
	Mono<Page<AlertView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		ListOrder order = query.order();
		return alerts.find(filter(query, scope, order, limit + 1))
			.map(rows -> Page.of(rows, limit, order, AlertView::id, alert -> alert.risk().score()));
	}

	/**
	 * Every location of every matching alert, streamed: CSV (one line per location) or SARIF 2.1.0 (a run per
	 * repository, a rule per secret type, a result per location in a file). Neither holds a secret value.
	 */
	@Operation(operationId = "exportAlerts", summary = "Streams matching alerts as CSV or SARIF 2.1.0",
			responses = @ApiResponse(responseCode = "200",
					description = "An attachment: CSV (format=csv) or a SARIF 2.1.0 log (format=sarif)",
					headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
							schema = @Schema(type = "string")),
					content = { @Content(mediaType = "text/csv",
							schema = @Schema(type = "string", description = "One line per location, after a header line")),
							@Content(mediaType = "application/sarif+json", schema = @Schema(type = "object",
									description = "A SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)")) }))
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "format", schema = @Schema(type = "string", allowableValues = { "csv", "sarif" }, defaultValue = "csv"),
					description = "csv (default) or sarif"),
			@Parameter(ref = ApiParameters.PROVIDER),
			@Parameter(ref = ApiParameters.ORGANIZATION),
			@Parameter(in = ParameterIn.QUERY, name = "repository", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "owner/name, or project/name on Azure DevOps"),
			@Parameter(in = ParameterIn.QUERY, name = "state", schema = @Schema(type = "string", allowableValues = { "open", "resolved" }),
					description = "open or resolved, for every provider"),
			@Parameter(in = ParameterIn.QUERY, name = "secretType", schema = @Schema(type = "string", minLength = 1, maxLength = 500),
					description = "a secret-type id of the catalogue (GET /api/v1/secret-types), matching every provider; a provider's own name for a mapped type is taken as its id"),
			@Parameter(in = ParameterIn.QUERY, name = "validity", schema = @Schema(type = "string", allowableValues = { "active", "inactive", "unknown" }),
					description = "active, inactive or unknown"),
			@Parameter(in = ParameterIn.QUERY, name = "expired", schema = @Schema(type = "boolean"),
					description = EXPIRED) })
	@GetMapping(path = "/export", produces = { "text/csv", "application/sarif+json" })
	ResponseEntity<Flux<String>> export(
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters, AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, EXPORT_PARAMETERS);
		String format = query.oneOf("format", Set.of("csv", "sarif"));
		AlertFilter filter = filter(query, scope, ListOrder.newest(null), 0);
		if ("sarif".equals(format)) {
			return Exports.attachment("leakpath-alerts.sarif", MediaType.parseMediaType("application/sarif+json"),
					sarif.write(filter));
		}
		return Exports.attachment("leakpath-alerts.csv", MediaType.parseMediaType("text/csv;charset=UTF-8"),
				CsvAlerts.write(exports.rows(filter)));
	}

	@Operation(operationId = "summarizeAlerts",
			summary = "Open alerts by provider, secret type, state and validity; opened and resolved per day")
	@Parameters(@Parameter(in = ParameterIn.QUERY, name = "days", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "366", defaultValue = "30"),
					description = "days of timeline, 1 to 366 (default 30)"))
	@GetMapping("/summary")
	Mono<AlertSummary> summary(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
			AccessScope scope) {
		QueryParameters query = new QueryParameters(parameters, Set.of("days"));
		return summaries.summary(query.number("days", 30, 1, 366), scope.organizationArray());
	}

	private AlertFilter filter(QueryParameters query, AccessScope scope, ListOrder order, int limit) {
		return new AlertFilter(query.oneOf("provider", PROVIDERS), query.text("organization"), query.text("repository"),
				query.oneOf("state", STATES), catalogue.idOf(query.text("secretType")), query.oneOf("validity", VALIDITIES),
				query.flag("expired"), scope.organizationArray(), order, limit);
	}

	@Operation(operationId = "getAlert",
			summary = "One alert, with the attack paths it is evidence for, its risk and its remediation steps")
	@GetMapping("/{id}")
	Mono<AlertDetail> get(@Parameter(description = "the alert's id") @PathVariable long id, AccessScope scope) {
		return alerts.findById(id, scope.organizationArray())
			.switchIfEmpty(Mono.error(() -> ApiProblemException.notFound("no alert with id " + id)))
			.zipWith(attackPaths.forAlert(id, scope.organizationArray()),
					(alert, paths) -> new AlertDetail(alert, paths.paths(), paths.remediation()));
	}

}
