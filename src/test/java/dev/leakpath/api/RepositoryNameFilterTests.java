package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.leakpath.model.NormalizedRepository;
import dev.leakpath.repository.RepositoryStore;
import dev.leakpath.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** {@code GET /api/v1/repositories?name=}: a part of the full name, any case, on the server and indexed. */
class RepositoryNameFilterTests extends IntegrationTest {

	@Autowired
	private RepositoryStore repositories;

	@BeforeEach
	void repositories() {
		repositories.upsertAll(List.of(repository("acme", "web_app"), repository("acme", "WebXapp"),
				repository("acme", "payments-api"), repository("globex", "payments-web"), repository("acme", "infra")))
			.block();
	}

	@Test
	void listWhenNameGivenThenRepositoriesWhoseFullNameHoldsItInAnyCase() {
		assertThat(fullNames("/api/v1/repositories?name=WEB")).containsExactlyInAnyOrder("acme/web_app", "acme/WebXapp",
				"globex/payments-web");
		assertThat(fullNames("/api/v1/repositories?name=globex/")).containsExactly("globex/payments-web");
		assertThat(fullNames("/api/v1/repositories?name=payments&organization=acme")).containsExactly("acme/payments-api");
		assertThat(fullNames("/api/v1/repositories?name=nothing-like-it")).isEmpty();
	}

	@Test
	void listWhenNameHoldsLikeWildcardsThenTheyArePlainCharacters() {
		assertThat(fullNames("/api/v1/repositories?name=web_a")).containsExactly("acme/web_app");
		assertThat(fullNames("/api/v1/repositories?name=%25")).isEmpty();
		assertThat(fullNames("/api/v1/repositories?name=%5C")).isEmpty();
	}

	@Test
	void listWhenNameGivenAndPagedThenTheCursorWalksTheMatchesOnce() {
		List<String> seen = new ArrayList<>();
		String url = "/api/v1/repositories?name=a&limit=2";
		int pages = 0;
		while (url != null) {
			JsonNode page = getJson(url);
			page.get("items").forEach(item -> seen.add(item.get("fullName").asText()));
			url = page.get("nextCursor").isNull() ? null
					: "/api/v1/repositories?name=a&limit=2&cursor=" + page.get("nextCursor").asText();
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).doesNotHaveDuplicates().hasSize(5);
	}

	@Test
	void nameFilterIsAnsweredByTheTrigramIndex() throws Exception {
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			// five rows are cheaper to scan than to look up: take the scan away to see the index can answer
			statement.execute("set enable_seqscan = off");
			List<String> plan = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(
					"explain select id from repository where lower(full_name) like '%payments%'")) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
			assertThat(String.join("\n", plan)).contains("repository_full_name_trgm_idx");
		}
	}

	private List<String> fullNames(String uri) {
		List<String> names = new ArrayList<>();
		getJson(uri).get("items").forEach(item -> names.add(item.get("fullName").asText()));
		return names;
	}

	private static NormalizedRepository repository(String organization, String name) {
		return new NormalizedRepository("github", organization, null, name, organization + "/" + name, null,
				"https://github.com/" + organization + "/" + name, "private", false, "main", true);
	}

}
