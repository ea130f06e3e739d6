package dev.leakpath.api;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/** Whether a failure means PostgreSQL cannot be reached, rather than a fault of the request or of the code. */
final class DatabaseOutages {

	/**
	 * SQLSTATE of a server going away: admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now,
	 * and object_not_in_prerequisite_state, which a database refusing connections answers at connect.
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "55000");

	private DatabaseOutages() {
	}

	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			// Spring's wrapping of a failed connection acquisition (pool timeout included) and of R2DBC resource errors
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
					|| cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
					|| cause instanceof ConnectException || cause instanceof ClosedChannelException
					|| cause instanceof R2dbcException r2dbc && isUnavailable(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnavailable(String sqlState) {
		// class 08: connection exception
		return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
	}

}
