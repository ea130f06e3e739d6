package dev.leakpath.ingest.ado;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;


/**
 * Bearer tokens for Azure DevOps from the Entra client-credentials flow, kept until five minutes before
 * they expire. Called from OkHttp's own threads, so the blocking token request never runs on Netty.
 */
final class EntraTokenClient {

	/** The Azure DevOps resource; its default scope covers whatever the principal was granted. */
	static final String SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

	private static final long REFRESH_MARGIN_SECONDS = 300;

	private final OkHttpClient http;

	private final AzureDevOpsProperties.Entra entra;

	private final ObjectMapper mapper;

	private final Clock clock;

	private String token;

	private Instant refreshAt = Instant.EPOCH;

	EntraTokenClient(OkHttpClient http, AzureDevOpsProperties.Entra entra, ObjectMapper mapper, Clock clock) {
		this.http = http;
		this.entra = entra;
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * @throws EntraRefusedException when Entra refuses the credentials
	 * @throws IOException when Entra cannot be reached (retried like any connection error)
	 */
	synchronized String token() throws IOException {
		if (token == null || !clock.instant().isBefore(refreshAt)) {
			refresh();
		}
		return token;
	}

	private void refresh() throws IOException {
		Request request = new Request.Builder().url(entra.tokenUrl().replace("{tenant}", entra.tenantId()))
			.post(new FormBody.Builder().add("grant_type", "client_credentials")
				.add("client_id", entra.clientId())
				.add("client_secret", entra.clientSecret())
				.add("scope", SCOPE)
				.build())
			.build();
		try (Response response = http.newCall(request).execute()) {
			if (!response.isSuccessful()) {
				// the error body names the problem (AADSTS codes) but never echoes the secret
				throw new EntraRefusedException(response.code(),
						"Entra refused a token for Azure DevOps (" + response.code() + "): check "
								+ "leakpath.azure-devops.entra.tenant-id, client-id and client-secret");
			}
			JsonNode body = mapper.readTree(response.body().string());
			token = body.path("access_token").asText(null);
			if (token == null) {
				throw new EntraRefusedException(response.code(), "Entra answered without an access_token");
			}
			long expiresIn = body.path("expires_in").asLong(3600);
			refreshAt = clock.instant().plusSeconds(Math.max(0, expiresIn - REFRESH_MARGIN_SECONDS));
		}
	}

}
