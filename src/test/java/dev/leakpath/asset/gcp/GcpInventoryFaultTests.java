package dev.leakpath.asset.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.asset.gcp.FakeCloudAsset.POLICIES;
import static dev.leakpath.asset.gcp.FakeCloudAsset.RESOURCES;
import static dev.leakpath.asset.gcp.FakeCloudAsset.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.PermanentSourceException;
import dev.leakpath.testsupport.FakeGitHub;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cloud Asset Inventory failing: throttled, down for a moment, refusing the permission, listing too much. Error
 * bodies as Google's APIs send them ("Errors", cloud.google.com/apis/design/errors: {@code {"error": {"code",
 * "message", "status"}}}).
 */
class GcpInventoryFaultTests extends IntegrationTest {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final FakeCloudAsset cloudAsset = new FakeCloudAsset(github.server());

	@Autowired
	private GcpInventory gcp;

	/** The stored inventory the failures below must leave alone. */
	@BeforeEach
	void storedInventory() {
		cloudAsset.token();
		cloudAsset.policies(List.of(List.of()));
		cloudAsset.resources(List.of(List.of(bucket("kept-1"), bucket("kept-2"))));
		gcp.refresh().block();
		github.reset();
		cloudAsset.token();
		cloudAsset.policies(List.of(List.of()));
	}

	@Test
	void refreshWhenThrottledThenWaitsRetryAfterAndCarriesOn() {
		github.server().stubFor(FakeCloudAsset.pageRequest(RESOURCES, 0).atPriority(1).inScenario("quota")
			.whenScenarioStateIs(STARTED).willSetStateTo("reset")
			.willReturn(FakeGitHub.json(429, error(429, "Quota exceeded for quota metric 'Search requests'",
					"RESOURCE_EXHAUSTED")).withHeader("Retry-After", "1")));
		cloudAsset.resources(List.of(List.of(bucket("new-1"))));
		long started = System.nanoTime();

		gcp.refresh().block();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(RESOURCES)))).hasSize(2);
		assertThat(postgres.rows("select name from asset")).containsExactly("new-1");
	}

	@Test
	void refreshWhenThePolicySearchFailsOnceWith503ThenRetried() {
		github.reset();
		cloudAsset.token();
		github.server().stubFor(FakeCloudAsset.pageRequest(POLICIES, 0).atPriority(1).inScenario("blip")
			.whenScenarioStateIs(STARTED).willSetStateTo("up")
			.willReturn(FakeGitHub.json(503, error(503, "The service is currently unavailable.", "UNAVAILABLE"))));
		cloudAsset.policies(List.of(List.of()));
		cloudAsset.resources(List.of(List.of(bucket("new-1"))));

		gcp.refresh().block();

		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(POLICIES)))).hasSize(2);
		assertThat(postgres.rows("select name from asset")).containsExactly("new-1");
	}

	@Test
	void refreshWhenPermissionIsDeniedThenFailsAtOnceAndKeepsTheStoredInventory() {
		github.server().stubFor(FakeCloudAsset.pageRequest(RESOURCES, 0).atPriority(1)
			.willReturn(FakeGitHub.json(403, error(403, "The caller does not have permission", "PERMISSION_DENIED"))));

		assertThatThrownBy(() -> gcp.refresh().block()).isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("403")
			.hasMessageContaining("PERMISSION_DENIED")
			.hasMessageNotContaining("caller");

		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(RESOURCES)))).hasSize(1);
		assertThat(postgres.rows("select name from asset order by name")).containsExactly("kept-1", "kept-2");
	}

	@Test
	void refreshWhenMorePagesThanMaxPagesThenFailsAndKeepsTheStoredInventory() {
		cloudAsset.resources(List.of(List.of(bucket("p1")), List.of(bucket("p2")), List.of(bucket("p3")),
				List.of(bucket("p4"))));

		assertThatThrownBy(() -> gcp.refresh().block()).hasMessageContaining("more than 3 pages")
			.hasMessageContaining("leakpath.assets.gcp.max-pages");

		assertThat(github.server().findAll(getRequestedFor(urlPathEqualTo(RESOURCES)))).hasSize(3);
		assertThat(postgres.rows("select name from asset order by name")).containsExactly("kept-1", "kept-2");
	}

	private static ObjectNode error(int code, String message, String status) {
		ObjectNode body = JSON.objectNode();
		body.putObject("error").put("code", code).put("message", message).put("status", status);
		return body;
	}

}
