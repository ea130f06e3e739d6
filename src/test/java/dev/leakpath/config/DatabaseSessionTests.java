package dev.leakpath.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The session settings every application connection starts with, as PostgreSQL reports them. */
class DatabaseSessionTests extends IntegrationTest {

	@Autowired
	private DatabaseClient db;

	@Test
	void connectionThenJitOffAndAnIdleTransactionEndsAfterTheSetting() {
		String settings = db.sql("select current_setting('jit') || ' ' "
				+ "|| current_setting('idle_in_transaction_session_timeout') as settings")
			.map(row -> row.get("settings", String.class))
			.one()
			.block();

		// ApplicationTest sets leakpath.database.idle-in-transaction-timeout=PT20S
		assertThat(settings).isEqualTo("off 20s");
	}

}
