package dev.leakpath.asset.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.leakpath.asset.azure.FakeResourceGraph.RESOURCES;
import static dev.leakpath.asset.azure.FakeResourceGraph.TOKEN;
import static dev.leakpath.asset.azure.FakeResourceGraph.answer;
import static dev.leakpath.asset.azure.FakeResourceGraph.page;
import static dev.leakpath.asset.azure.FakeResourceGraph.sqlServer;
import static dev.leakpath.asset.azure.FakeResourceGraph.storage;
import static dev.leakpath.asset.azure.FakeResourceGraph.vault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What Resource Graph does when it is not answering a whole listing at once: more pages than the connector
 * reads, a truncated answer, throttling, errors and silence. The tests run with {@code max-pages} 3, a
 * one-second {@code timeout} and four quick attempts (see {@code ApplicationTest}).
 */
class ResourceGraphFaultTests extends IntegrationTest {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final FakeResourceGraph resourceGraphApi = new FakeResourceGraph(github.server());

	@Autowired
	private ResourceGraphInventory resourceGraph;

	@Autowired
	private ResourceGraphProperties properties;

	@Autowired
	private WebClient.Builder webClients;

	@Autowired
	private RetryRegistry retries;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private RateLimiterRegistry limiters;

	/** The stored inventory the failures below must leave alone. */
	@BeforeEach
	void storedInventory() {
		resourceGraphApi.token();
		resourceGraphApi.pages(storage(), sqlServer(), vault());
		resourceGraph.refresh().block();
		github.reset();
		resourceGraphApi.token();
	}

	@Test
	void refreshWhenMorePagesThanMaxPagesThenFailsAndKeepsTheStoredInventory() {
		resourceGraphApi.listing(List.of(List.of(storage()), List.of(vault("kv-2")), List.of(vault("kv-3")),
				List.of(vault("kv-4"))));

		assertThatThrownBy(() -> resourceGraph.refresh().block())
			.hasMessageContaining("more than 3 pages")
			.hasMessageContaining("leakpath.assets.resource-graph.max-pages");

		assertThat(postgres.rows("select name from asset order by name"))
			.containsExactly("acmeprodstore", "orders-sql", "prod-kv");
		assertThat(resourceGraphApi.pageRequests()).isEqualTo(3);
	}

	@Test
	void refreshWhenTheAnswerIsTruncatedWithoutASkipTokenThenFailsAndKeepsTheStoredInventory() {
		ObjectNode truncated = page(3, List.of(storage())).put("resultTruncated", "true");
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).willReturn(answer(200, truncated)));

		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("truncated");

		assertThat(postgres.count("select count(*) from asset")).isEqualTo(3);
	}

	@Test
	void refreshWhenTheSubscriptionLimitIsHitThenFailsAndKeepsTheStoredInventory() {
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).willReturn(answer(200, page(1, List.of(storage())))
			.withHeader("x-ms-tenant-subscription-limit-hit", "true")));

		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("subscriptions");

		assertThat(postgres.count("select count(*) from asset")).isEqualTo(3);
	}

	@Test
	void refreshWhenAnAnswerHoldsNoDataThenFailsAndKeepsTheStoredInventory() {
		github.server().stubFor(post(urlPathEqualTo(RESOURCES))
			.willReturn(answer(200, JSON.objectNode().put("totalRecords", 0).put("count", 0))));

		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("without a data array");

		assertThat(postgres.count("select count(*) from asset")).isEqualTo(3);
	}

	@Test
	void refreshWhenThrottledThenWaitsTheQuotaResetAndCarriesOn() {
		github.server().stubFor(resourceGraphApi.pageRequest(0).atPriority(1).inScenario("quota")
			.whenScenarioStateIs(STARTED).willSetStateTo("reset")
			.willReturn(answer(429, JSON.objectNode().set("error", JSON.objectNode().put("code", "RateLimiting")))
				.withHeader("x-ms-user-quota-remaining", "0")
				.withHeader("x-ms-user-quota-resets-after", "00:00:01")));
		resourceGraphApi.pages(storage(), sqlServer());
		long started = System.nanoTime();

		assertThat(resourceGraph.refresh().block()).isEqualTo(2);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(resourceGraphApi.pageRequests()).isEqualTo(3);
		assertThat(postgres.rows("select name from asset order by name")).containsExactly("acmeprodstore", "orders-sql");
	}

	@Test
	void refreshWhenResourceGraphFailsOnceThenRetriedAndWhenItKeepsFailingThenTheStoredInventoryStays() {
		github.server().stubFor(resourceGraphApi.pageRequest(1).atPriority(1).inScenario("blip")
			.whenScenarioStateIs(STARTED).willSetStateTo("up")
			.willReturn(answer(503, JSON.objectNode().put("error", "unavailable"))));
		resourceGraphApi.pages(storage(), sqlServer());

		assertThat(resourceGraph.refresh().block()).isEqualTo(2);

		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.willReturn(answer(500, JSON.objectNode().put("error", "boom"))));
		github.server().resetRequests();
		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("Resource Graph answered 500");
		assertThat(resourceGraphApi.pageRequests()).isEqualTo(4);
		assertThat(postgres.count("select count(*) from asset")).isEqualTo(2);
	}

	@Test
	void pageWhenEntraRefusesTheCredentialsThenFailsAtOnceWithoutRetrying() {
		github.server().stubFor(post(urlPathEqualTo(TOKEN)).atPriority(1)
			.willReturn(answer(401, JSON.objectNode().put("error", "invalid_client"))));
		// a client of its own: the application's keeps the token it got before
		ResourceGraphClient client = new ResourceGraphConfiguration().resourceGraphClient(properties, webClients,
				retries, breakers, limiters);

		assertThatThrownBy(() -> client.page(ResourceGraphAssets.QUERY, null).block())
			.hasMessageContaining("Entra refused a token")
			.hasMessageContaining("401: invalid_client");

		assertThat(resourceGraphApi.tokenRequests()).isEqualTo(1);
		assertThat(resourceGraphApi.pageRequests()).isZero();
	}

	@Test
	void refreshWhenThePrincipalMayNotReadThenFailsAtOnceWithoutRetrying() {
		github.server().stubFor(post(urlPathEqualTo(RESOURCES)).atPriority(1)
			.willReturn(answer(403, JSON.objectNode().set("error", JSON.objectNode().put("code", "AuthorizationFailed")))));

		assertThatThrownBy(() -> resourceGraph.refresh().block()).hasMessageContaining("403")
			.hasMessageContaining("AuthorizationFailed");

		assertThat(resourceGraphApi.pageRequests()).isEqualTo(1);
		assertThat(postgres.count("select count(*) from asset")).isEqualTo(3);
	}

	@Test
	void refreshWhenAPageDoesNotAnswerInTimeThenItIsAskedForAgain() {
		github.server().stubFor(resourceGraphApi.pageRequest(0).atPriority(1).inScenario("stall")
			.whenScenarioStateIs(STARTED).willSetStateTo("answering")
			.willReturn(answer(200, page(1, List.of(storage()))).withFixedDelay(5_000)));
		resourceGraphApi.pages(storage(), sqlServer());

		assertThat(resourceGraph.refresh().block()).isEqualTo(2);

		assertThat(resourceGraphApi.pageRequests()).isEqualTo(3);
	}

}
