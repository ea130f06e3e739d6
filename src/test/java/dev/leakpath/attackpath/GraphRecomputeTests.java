package dev.leakpath.attackpath;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;
import dev.leakpath.testsupport.TestPostgres.TableLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The recompute an inventory change calls for runs after the write, one at a time, coalesced. A share lock on
 * {@code secret} holds a recompute at its first statement (the re-match), as a long one on a large graph would be.
 */
class GraphRecomputeTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	private static final String DATABASE = """
			{"cloud": "azure", "resourceType": "Microsoft.DBforPostgreSQL/flexibleServers",
			 "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders",
			 "name": "orders", "hosts": ["db-acme-prod.postgres.database.azure.com"]}""";

	private static final String VAULT = """
			{"cloud": "azure", "resourceType": "Microsoft.KeyVault/vaults",
			 "providerId": "/subscriptions/0a1b/resourceGroups/prod/providers/Microsoft.KeyVault/vaults/kv1",
			 "name": "kv1"}""";

	@Autowired
	private SyncService sync;

	@Autowired
	private GraphRecompute recompute;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private GraphMaintenance graph;

	@Autowired
	private TransactionalOperator transaction;

	private final TestOrganization org = new TestOrganization();

	/** A connection string to db-acme-prod, whose target the inventory does not know yet. */
	@BeforeEach
	void alert() {
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "postgres_connection_string", "open", NOW))), null);
		sync.run("test").block();
		assertThat(exists()).isEqualTo("unknown");
	}

	@Test
	void putThenAnswersAtOnceAndTheSecretsAreReMatchedAndTheirPathsOpenedAfterIt() {
		try (TableLock held = postgres.lock("secret", "share")) {
			put("[" + DATABASE + "]").expectStatus().isOk();

			await().atMost(Duration.ofSeconds(20)).until(() -> postgres.waitingStatements("with matched") == 1);
			assertThat(exists()).isEqualTo("unknown");
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> exists().equals("true"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> getJson("/api/v1/attack-paths").get("items").findValuesAsText("id").contains("github-secret-to-postgresql"));
	}

	@Test
	void putsWhileARecomputeRunsThenExactlyOneMoreRecomputeFollows() {
		long before = recomputes();
		try (TableLock held = postgres.lock("secret", "share")) {
			put("[" + VAULT + "]").expectStatus().isOk();
			await().atMost(Duration.ofSeconds(20)).until(() -> postgres.waitingStatements("with matched") == 1);

			put("[" + VAULT.replace("kv1", "kv2") + "]").expectStatus().isOk();
			put("[" + DATABASE + "]").expectStatus().isOk();
			put("[" + VAULT.replace("kv1", "kv3") + "]").expectStatus().isOk();
		}
		awaitGraphRecomputed();

		assertThat(recomputes() - before).isEqualTo(2);
		assertThat(exists()).isEqualTo("true");
	}

	@Test
	void drainWhenAnotherInstanceHoldsTheLockThenTheRecomputeStaysDueUntilItIsFree() throws SQLException {
		// another instance wrote an asset, and died before its recompute ran
		postgres.execute("""
				insert into asset (cloud, resource_type, provider_id, name, hosts, source)
				values ('azure', 'Microsoft.DBforPostgreSQL/flexibleServers', '/s/orders', 'orders',
				        '{db-acme-prod.postgres.database.azure.com}', 'api');
				insert into graph_recompute (requested) values (1)
				""");

		try (Connection other = postgres.connect(); Statement statement = other.createStatement()) {
			// as a third instance running a recompute holds it
			statement.execute("select pg_advisory_lock(" + GraphRecompute.LOCK_SPACE + ", 0)");

			assertThat(recompute.drain().block()).isZero();
			assertThat(exists()).isEqualTo("unknown");
			assertThat(postgres.rows("select requested, completed from graph_recompute")).containsExactly("1|0");
			// at once: closing the connection frees it only once the server has ended the session
			statement.execute("select pg_advisory_unlock(" + GraphRecompute.LOCK_SPACE + ", 0)");
		}

		assertThat(recompute.drain().block()).isEqualTo(1);
		assertThat(postgres.rows("select requested, completed from graph_recompute")).containsExactly("1|1");
		assertThat(exists()).isEqualTo("true");
	}

	@Test
	void putWhileAnIdentityWriterHoldsTheRecomputeOffThenItRunsOnceThatTransactionCommits() {
		Sinks.Empty<Void> commit = Sinks.empty();
		// an identity writer's transaction, open until the test lets it commit
		Disposable writer = transaction.transactional(graph.holdOffRecompute().then(commit.asMono())).subscribe();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count("select count(*) from pg_locks "
					+ "where locktype = 'advisory' and granted and classid = " + GraphRecompute.LOCK_SPACE) == 1);

			put("[" + DATABASE + "]").expectStatus().isOk();

			// the put's own wake-up found the lock taken: the recompute stays due
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
				.until(() -> postgres.rows("select requested, completed from graph_recompute").equals(List.of("1|0")));
			assertThat(exists()).isEqualTo("unknown");
			commit.tryEmitEmpty();
			awaitGraphRecomputed();
		}
		finally {
			writer.dispose();
		}

		assertThat(exists()).isEqualTo("true");
	}

	private long recomputes() {
		Timer timer = meters.find("leakpath.graph.recompute").tag("outcome", "completed").timer();
		return timer == null ? 0 : timer.count();
	}

	private String exists() {
		return alert(ORG + "/api", "1").get("target").get("exists").asText();
	}

	private WebTestClient.ResponseSpec put(String body) {
		return web.put().uri("/api/v1/assets").headers(headers -> headers.setBearerAuth(API_TOKEN))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

}
