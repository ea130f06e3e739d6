package dev.leakpath.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, with the tests' credentials and fast retries. The database and
 * the provider URLs come from the test class ({@link IntegrationTest} sets the usual ones).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leakpath.database.embedded.enabled=false", "leakpath.demo.enabled=false",
		// a transaction some cached context left open ends soon, not with that context (TestPostgres.truncateAll)
		"leakpath.database.idle-in-transaction-timeout=PT20S", "leakpath.sync.schedule=false",
		"leakpath.api.tokens=" + IntegrationTest.API_TOKEN,
		"leakpath.api.viewer-tokens=" + IntegrationTest.VIEWER_TOKEN,
		"leakpath.api.scoped-tokens[0].name=acme-team", "leakpath.api.scoped-tokens[0].token=" + IntegrationTest.ACME_TOKEN,
		"leakpath.api.scoped-tokens[0].organizations=" + TestOrganization.ORG,
		"leakpath.api.scoped-tokens[1].name=globex-team",
		"leakpath.api.scoped-tokens[1].token=" + IntegrationTest.GLOBEX_TOKEN,
		"leakpath.api.scoped-tokens[1].organizations=globex",
		"leakpath.api.triager-tokens[0].name=acme-secops",
		"leakpath.api.triager-tokens[0].token=" + IntegrationTest.ACME_TRIAGER_TOKEN,
		"leakpath.api.triager-tokens[0].organizations=" + TestOrganization.ORG,
		"leakpath.fingerprint-key=test-fingerprint-key-0123456789abcdef",
		"leakpath.github.token=test-github-token", "leakpath.github.organizations=" + TestOrganization.ORG,
		"leakpath.github.retry.max-attempts=4", "leakpath.github.retry.initial-backoff=PT0.01S",
		"leakpath.github.retry.max-backoff=PT0.05S", "leakpath.github.retry.rate-limit-wait=PT1S",
		"leakpath.github.webhook-secret=" + IntegrationTest.WEBHOOK_SECRET,
		"leakpath.azure-devops.webhook.username=" + IntegrationTest.HOOK_USER,
		"leakpath.azure-devops.webhook.password=" + IntegrationTest.HOOK_PASSWORD,
		"leakpath.webhooks.worker.poll-interval=PT0.1S", "leakpath.webhooks.worker.max-attempts=3",
		"leakpath.webhooks.worker.initial-backoff=PT0.05S", "leakpath.webhooks.worker.max-backoff=PT0.2S",
		"leakpath.owners.read-codeowners=false", "leakpath.notifications.enabled=false",
		// on in the triage tests' own context only: another cached context's worker would take their items
		"leakpath.triage.worker.enabled=false", "leakpath.triage.worker.poll-interval=PT0.1S",
		"leakpath.triage.worker.initial-backoff=PT0.05S", "leakpath.triage.worker.max-backoff=PT0.2S",
		"leakpath.triage.worker.max-attempts=5", "leakpath.triage.write-interval.github=PT0S",
		"leakpath.triage.write-interval.azure-devops=PT0S",
		"leakpath.assets.directory=target/test-assets", "leakpath.assets.scan-interval=PT1H",
		// a recompute runs on its own context's wake-ups: another cached context's periodic check would race a test
		"leakpath.graph.recompute-check-interval=PT1H",
		"leakpath.assets.resource-graph.tenant-id=test-tenant", "leakpath.assets.resource-graph.client-id=test-rg-client",
		"leakpath.assets.resource-graph.client-secret=test-rg-secret", "leakpath.assets.resource-graph.interval=PT1H",
		// few pages, so that a listing longer than max-pages is cheap to serve; a stalled page fails fast
		"leakpath.assets.resource-graph.max-pages=3", "leakpath.assets.resource-graph.timeout=PT1S",
		"leakpath.assets.resource-graph.retry.max-attempts=4",
		"leakpath.assets.resource-graph.retry.initial-backoff=PT0.01S",
		"leakpath.assets.resource-graph.retry.max-backoff=PT0.05S",
		"leakpath.assets.resource-graph.retry.rate-limit-wait=PT1S",
		// read by the tests only (the loop waits an hour); one account, one region, quick retries and timeouts
		"leakpath.assets.aws.accounts[0].id=123456789012", "leakpath.assets.aws.regions=us-east-1",
		"leakpath.assets.aws.initial-delay=PT1H", "leakpath.assets.aws.timeout=PT10S",
		"leakpath.assets.aws.attempt-timeout=PT1S", "leakpath.assets.aws.retry.max-attempts=4",
		"leakpath.assets.aws.retry.initial-backoff=PT0.01S", "leakpath.assets.aws.retry.max-backoff=PT0.05S",
		// read by the tests only (the loop waits an hour); the key file is written by FakeCloudAsset
		"leakpath.assets.gcp.credentials-file=target/test-gcp/service-account.json",
		"leakpath.assets.gcp.scope=projects/leakpath-test", "leakpath.assets.gcp.initial-delay=PT1H",
		"leakpath.assets.gcp.max-pages=3", "leakpath.assets.gcp.timeout=PT1S",
		"leakpath.assets.gcp.retry.max-attempts=4", "leakpath.assets.gcp.retry.initial-backoff=PT0.01S",
		"leakpath.assets.gcp.retry.max-backoff=PT0.05S", "leakpath.assets.gcp.retry.rate-limit-wait=PT0.1S" })
public @interface ApplicationTest {

}
