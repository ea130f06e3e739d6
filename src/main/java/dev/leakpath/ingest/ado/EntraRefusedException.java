package dev.leakpath.ingest.ado;

import java.io.IOException;

/**
 * Entra refused the service principal a token (a wrong or expired client secret, a missing consent). An
 * {@link IOException} only because it must cross OkHttp's interceptor chain, which passes IOExceptions to the
 * call unchanged (and turns anything else into a "canceled" one); the client reports it as an authentication
 * error, never retried and never counted as an outage.
 */
final class EntraRefusedException extends IOException {

	private final int status;

	EntraRefusedException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}

}
