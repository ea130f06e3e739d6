package dev.leakpath.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

class RepositoryStoreTests extends IntegrationTest {

	@Autowired
	private RepositoryStore repositories;

	@Test
	void upsertAllWhenARowIsUnchangedThenItIsNotRewrittenAndItsIdStillAnswered() {
		Map<String, Long> first = repositories.upsertAll(List.of(fromAlert("api"), fromAlert("web"))).block();
		String before = postgres.rows("select full_name || ' ' || xmin from repository order by full_name").toString();

		Map<String, Long> again = repositories.upsertAll(List.of(fromAlert("api"), fromAlert("web"))).block();

		assertThat(again).isEqualTo(first);
		// xmin is the transaction that wrote the row version: the same one, so no new version was written
		assertThat(postgres.rows("select full_name || ' ' || xmin from repository order by full_name"))
			.hasToString(before);
	}

	@Test
	void upsertAllWhenARowChangedThenOnlyThatRowIsRewritten() {
		repositories.upsertAll(List.of(fromAlert("api"), fromAlert("web"))).block();
		String web = postgres.rows("select xmin from repository where full_name = 'acme/web'").get(0);
		String api = postgres.rows("select xmin from repository where full_name = 'acme/api'").get(0);

		NormalizedRepository read = new NormalizedRepository("github", "acme", null, "api", "acme/api", "101",
				"https://github.com/acme/api", "public", false, "main", true);
		Map<String, Long> ids = repositories.upsertAll(List.of(read, fromAlert("web"))).block();

		assertThat(ids).containsOnlyKeys("acme/api", "acme/web");
		assertThat(postgres.rows("select visibility || ' ' || default_branch from repository where full_name = 'acme/api'"))
			.containsExactly("public main");
		assertThat(postgres.rows("select xmin from repository where full_name = 'acme/api'")).doesNotContain(api);
		assertThat(postgres.rows("select xmin from repository where full_name = 'acme/web'")).containsExactly(web);
	}

	/** What an alert says of its repository: no visibility, archived flag or default branch. */
	private static NormalizedRepository fromAlert(String name) {
		return new NormalizedRepository("github", "acme", null, name, "acme/" + name, null,
				"https://github.com/acme/" + name, null, null, null, false);
	}

}
