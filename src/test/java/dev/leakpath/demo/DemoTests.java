package dev.leakpath.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.DemoSecrets;
import dev.leakpath.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The no-credentials run: the fake GitHub and Azure DevOps of wiremock-mappings/ are served and polled. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.demo.enabled=true", "leakpath.sync.schedule=false",
		"leakpath.github.token=", "leakpath.github.organizations=", "leakpath.notifications.enabled=false",
		"leakpath.fingerprint-key=demo-test-fingerprint-key-0123456789abcdef" })
class DemoTests {

	private static final TestPostgres postgres = TestPostgres.get();

	@Autowired
	private SyncService sync;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	/** Before the application starts, so that what it loads on start (the demo inventory) stays. */
	@BeforeAll
	static void emptyDatabase() {
		postgres.truncateAll();
	}

	@Test
	void syncWhenDemoThenEveryFakeAlertIsStoredAndUnchangedOrganizationsCostLittle(CapturedOutput output)
			throws IOException {

		sync.run("test").block();

		assertThat(postgres.count("select count(*) from alert where provider = 'github'")).isEqualTo(250);
		assertThat(postgres.count("select count(*) from alert where provider = 'azure_devops'")).isEqualTo(120);
		assertThat(postgres.rows("select provider, count(*) from repository group by provider order by 1"))
			.containsExactly("azure_devops|5", "github|10");
		assertThat(postgres.count("select count(*) from repository where visibility is null")).isZero();
		assertThat(postgres.count("select count(*) from secret")).isEqualTo(247);
		assertThat(postgres.count("select count(distinct type) from alert_location")).isGreaterThanOrEqualTo(6);
		assertThat(postgres.rows("select scope, last_outcome, pages, alerts_seen from sync_source order by scope"))
			.containsExactly("acme-corp|completed|3|210", "contoso|completed|7|120", "globex|completed|1|40");

		sync.run("test").block();

		assertThat(postgres.rows("select scope, last_outcome, pages from sync_source order by scope"))
			.containsExactly("acme-corp|completed|1", "contoso|completed|5", "globex|not_modified|0");
		assertThat(postgres.count("select count(*) from alert")).isEqualTo(370);

		// the demo inventory is read on start: the storage account exists, the PostgreSQL server does not
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.rows(
				"select target_name || '|' || target_exists from secret where target_kind = 'cloud_resource' "
						+ "group by 1 order by 1"),
				rows -> rows.equals(List.of("acmeprodstore|true", "db-acme-prod|false")));
		assertThat(postgres.count("select count(*) from asset")).isEqualTo(4);

		String database = postgres.dumpAllTables();
		assertThat(DemoSecrets.all()).hasSize(250).allSatisfy(secret -> {
			assertThat(database).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
		});
	}

}
