package dev.leakpath.attackpath;

import static dev.leakpath.testsupport.TestOrganization.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.leakpath.ingest.SyncService;
import dev.leakpath.testsupport.IntegrationTest;
import dev.leakpath.testsupport.TestOrganization;

import org.springframework.beans.factory.annotation.Autowired;

/** What only time changes, a secret's expiry passing or an alert going past its SLA, is re-scored by the clock. */
class RiskClockTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	@Autowired
	private SyncService sync;

	@Autowired
	private RiskClock clock;

	private final TestOrganization org = new TestOrganization();

	@Test
	void secretExpiredAndAlertPastItsSlaSinceScoredThenTheClockReScoresThem() {
		github.alertPages(ORG, List.of(List.of(org.alert("api", 1, "slack_api_token", "open", NOW),
				org.alert("web", 1, "slack_api_token", "open", NOW.minusSeconds(1)))), null);
		sync.run("test").block();
		JsonNode before = getJson("/api/v1/attack-paths?repository=" + ORG + "/api").get("items").get(0);
		assertThat(before.get("riskScore").asInt()).isEqualTo(10 + 15 + 15);

		// as if the value's own expiry had passed since, and the SLA check had found the other alert overdue
		postgres.execute("update secret set expires_at = now() - interval '1 second' where id = "
				+ before.get("secret").get("id").asLong());
		postgres.execute("insert into notification_event (kind, repository_id, alert_id, risk_level) "
				+ "select 'alert_sla_breached', repository_id, id, 'low' from alert where provider_alert_id = '1' "
				+ "and repository_id = (select id from repository where full_name = '" + ORG + "/web')");

		assertThat(clock.catchUp().block()).isEqualTo(2);

		JsonNode after = getJson("/api/v1/attack-paths?repository=" + ORG + "/api").get("items").get(0);
		assertThat(after.get("riskFactors").findValuesAsText("factor")).contains("expired");
		assertThat(after.get("riskScore").asInt()).isEqualTo(10 + 15 + 15 - 30);
		JsonNode web = getJson("/api/v1/alerts?repository=" + ORG + "/web").get("items").get(0);
		assertThat(web.get("risk").get("factors").findValuesAsText("factor")).contains("past_sla");
		assertThat(web.get("risk").get("score").asInt()).isEqualTo(10 + 15 + 5);
		assertThat(clock.catchUp().block()).isZero();
	}

}
