package dev.leakpath.alert;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.sql.ListOrder;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.OctokitDescriptions;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Exports read page by page, newest alert first: every location once, however the pages fall. */
class AlertExportsTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final AlertFilter EVERY_ALERT = new AlertFilter(null, null, null, null, null, null, null, null,
			ListOrder.newest(null), 0);

	@Autowired
	private SyncService sync;

	@Autowired
	private DatabaseClient db;

	private final TestOrganization org = new TestOrganization();

	/** Four alerts, one of them with GitHub's own example list of thirteen locations. */
	@BeforeEach
	void alerts() {
		github.repositories(ORG, org.orgId(), org.repositories());
		ObjectNode many = org.alert("api", 2, "slack_api_token", "open", NOW.plusSeconds(60));
		JsonNode official = OctokitDescriptions.restExample("secret-scanning-location-list");
		many.set("first_location_detected", official.get(0).get("details").deepCopy());
		many.put("has_more_locations", true);
		List<ObjectNode> locations = new ArrayList<>();
		official.forEach(location -> locations.add((ObjectNode) location));
		github.alertPages(ORG, List.of(List.of(many, org.alert("api", 1, "github_personal_access_token", "open", NOW),
				org.alert("web", 1, "azure_storage_account_key", "open", NOW.minusSeconds(1)),
				org.alert("infra", 1, "slack_api_token", "resolved", NOW.minusSeconds(2)))), null);
		github.locations("acme/api", 2, locations);
		sync.run("test").block();
	}

	@Test
	void rowsWhenTheAlertsSpanPagesThenEveryLocationOnceNewestAlertFirst() {
		List<String> expected = postgres.rows("select a.id || ':' || coalesce(l.path, l.type) from alert a "
				+ "join alert_location l on l.alert_id = a.id order by a.id desc, l.id");
		assertThat(expected).hasSize(13 + 3);

		for (int pageAlerts : List.of(1, 2, 3, 4, 500)) {
			assertThat(locations(new AlertExports(db, pageAlerts).rows(EVERY_ALERT).collectList().block()))
				.as("%d alerts a page", pageAlerts)
				.isEqualTo(expected);
		}
	}

	@Test
	void rowsByRepositoryWhenTheAlertsSpanPagesThenARepositoryAfterAnotherOldestFirstWithin() {
		List<String> expected = postgres.rows("select a.id || ':' || coalesce(l.path, l.type) from alert a "
				+ "join alert_location l on l.alert_id = a.id order by a.repository_id, a.id, l.id");

		for (int pageAlerts : List.of(1, 2, 3, 500)) {
			assertThat(locations(new AlertExports(db, pageAlerts).rowsByRepository(EVERY_ALERT).collectList().block()))
				.as("%d alerts a page", pageAlerts)
				.isEqualTo(expected);
		}
		List<String> repositories = new AlertExports(db, 1).rowsByRepository(EVERY_ALERT)
			.map(row -> row.repository() + " " + row.repositoryUrl() + " " + row.defaultBranch())
			.distinct()
			.collectList()
			.block();
		assertThat(repositories).containsExactlyInAnyOrder("acme/api https://github.com/acme/api main",
				"acme/infra https://github.com/acme/infra main", "acme/web https://github.com/acme/web main");
	}

	@Test
	void rowsWhenFilteredThenOnlyTheMatchesAcrossPages() {
		AlertFilter open = new AlertFilter(null, null, "acme/api", "open", null, null, null, null, ListOrder.newest(null),
				0);

		List<String> oldestFirst = postgres.rows("select a.provider_alert_id from alert a join repository r "
				+ "on r.id = a.repository_id where r.full_name = 'acme/api' and a.state = 'open' order by a.id");
		assertThat(oldestFirst).hasSize(2);

		assertThat(new AlertExports(db, 1).rowsByRepository(open).map(AlertExportRow::providerAlertId).distinct()
			.collectList()
			.block()).isEqualTo(oldestFirst);
		assertThat(new AlertExports(db, 1).rows(open).map(AlertExportRow::providerAlertId).distinct().collectList().block())
			.containsExactly(oldestFirst.get(1), oldestFirst.get(0));
	}

	private static List<String> locations(List<AlertExportRow> rows) {
		return rows.stream()
			.map(row -> row.alertId() + ":" + (row.location().path() != null ? row.location().path() : row.location().type()))
			.toList();
	}

}
