package dev.leakpath.ingest.ado;

import okhttp3.OkHttpClient;

import org.springframework.beans.factory.DisposableBean;

/**
 * The OkHttp client Azure DevOps is read with, shut down with the application context: OkHttp's dispatcher
 * threads are not daemons and stay idle for 60 s after their last call, which kept a JVM whose context had
 * closed (a benchmark's, under exec:java) waiting that long before it could end.
 */
final class AzureDevOpsHttp implements DisposableBean {

	private final OkHttpClient client;

	AzureDevOpsHttp(OkHttpClient client) {
		this.client = client;
	}

	OkHttpClient client() {
		return client;
	}

	@Override
	public void destroy() {
		// clients made with newBuilder() share this dispatcher and pool
		client.dispatcher().executorService().shutdown();
		client.connectionPool().evictAll();
	}

}
