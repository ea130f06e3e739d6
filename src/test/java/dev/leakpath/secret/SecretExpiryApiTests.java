package dev.leakpath.secret;

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

/** A secret that carries its expiry says so on the secret and on its alerts, and both filter by it. */
class SecretExpiryApiTests extends IntegrationTest {

	private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

	/** Microsoft's service SAS example, expired in 2019 (learn.microsoft.com/rest/api/storageservices/create-service-sas). */
	private static final String EXPIRED_SAS = "https://acmeprodstore.blob.core.windows.net/sascontainer/sasblob.txt"
			+ "?sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&spr=https"
			+ "&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D";

	private static final String LIVE_SAS = "https://acmeprodstore.blob.core.windows.net/backups?sv=2022-11-02&ss=b"
			+ "&srt=co&sp=rl&se=2099-01-01T00:00:00Z&spr=https&sig=k3Pq0vX9mZt7YbJ2%2BcQeRw8sLnH4dFgA1uViOyTx5Ek%3D";

	@Autowired
	private SyncService sync;

	private final TestOrganization org = new TestOrganization();

	@Test
	void secretsWhenValuesCarryExpiriesThenShownAndFiltered() {
		github.alertPages(ORG, List.of(List.of(
				org.alert("api", 1, "azure_storage_sas_url", "open", NOW, EXPIRED_SAS),
				org.alert("web", 1, "azure_storage_sas_url", "open", NOW.minusSeconds(1), LIVE_SAS),
				org.alert("web", 2, "github_personal_access_token", "open", NOW.minusSeconds(2)))), null);

		sync.run("test").block();

		JsonNode expired = getJson("/api/v1/secrets?expired=true").get("items");
		assertThat(expired).hasSize(1);
		assertThat(expired.get(0).get("expiresAt").asText()).isEqualTo("2019-04-30T02:23:26Z");
		assertThat(expired.get(0).get("expired").asBoolean()).isTrue();
		JsonNode others = getJson("/api/v1/secrets?expired=false").get("items");
		assertThat(others).extracting(secret -> secret.get("expiresAt").isNull() ? "none" : secret.get("expiresAt").asText())
			.containsExactlyInAnyOrder("2099-01-01T00:00:00Z", "none");
		assertThat(others).allSatisfy(secret -> assertThat(secret.get("expired").asBoolean()).isFalse());

		JsonNode expiredAlerts = getJson("/api/v1/alerts?expired=true").get("items");
		assertThat(expiredAlerts).extracting(alert -> alert.get("repository").get("fullName").asText())
			.containsExactly(ORG + "/api");
		assertThat(expiredAlerts.get(0).get("secret").get("expired").asBoolean()).isTrue();
		assertThat(expiredAlerts.get(0).get("secret").get("expiresAt").asText()).isEqualTo("2019-04-30T02:23:26Z");
		assertThat(getJson("/api/v1/alerts?expired=false").get("items")).hasSize(2);
		// the export takes the same filter: a header and the one expired alert's location
		assertThat(get("/api/v1/alerts/export?expired=true", 200).lines()).hasSize(2);
	}

	@Test
	void expiredWhenNotABooleanThen400NamingIt() {
		assertThat(get("/api/v1/secrets?expired=yes", 400)).contains("parameter 'expired' must be one of [false, true]");
		assertThat(get("/api/v1/alerts?expired=1", 400)).contains("parameter 'expired' must be one of [false, true]");
	}

	private String get(String uri, int status) {
		return web.get()
			.uri(uri)
			.headers(headers -> headers.setBearerAuth(API_TOKEN))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
