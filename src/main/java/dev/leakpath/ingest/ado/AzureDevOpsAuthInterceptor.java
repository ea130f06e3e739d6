package dev.leakpath.ingest.ado;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the Authorization header: Basic with an empty user and the PAT, or an Entra bearer token. */
final class AzureDevOpsAuthInterceptor implements Interceptor {

	private final Authorization authorization;

	private AzureDevOpsAuthInterceptor(Authorization authorization) {
		this.authorization = authorization;
	}

	static AzureDevOpsAuthInterceptor pat(String pat) {
		String header = "Basic " + Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8));
		return new AzureDevOpsAuthInterceptor(() -> header);
	}

	static AzureDevOpsAuthInterceptor entra(EntraTokenClient tokens) {
		return new AzureDevOpsAuthInterceptor(() -> "Bearer " + tokens.token());
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		return chain.proceed(chain.request().newBuilder().header("Authorization", authorization.header()).build());
	}

	/** The header's value; an {@link IOException} is the only failure OkHttp passes on to the call unchanged. */
	@FunctionalInterface
	private interface Authorization {

		String header() throws IOException;

	}

}
