package dev.leakpath.ingest.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTests {

	private static final String ALERTS = "https://api.github.com/organizations/51234/secret-scanning/alerts";

	@Test
	void nextWhenFullHeaderThenReturnsNextTarget() {
		String header = "<" + ALERTS + "?per_page=100&page=1>; rel=\"prev\", <" + ALERTS
				+ "?per_page=100&page=3>; rel=\"next\", <" + ALERTS + "?per_page=100&page=9>; rel=\"last\", <"
				+ ALERTS + "?per_page=100&page=1>; rel=\"first\"";

		assertThat(LinkHeader.next(header)).isEqualTo(ALERTS + "?per_page=100&page=3");
	}

	@Test
	void nextWhenNextIsLastRelationThenReturnsNextTarget() {
		String header = "<" + ALERTS + "?page=9>; rel=\"last\", <" + ALERTS + "?page=1>; rel=\"first\", <" + ALERTS
				+ "?page=2>; rel=\"next\"";

		assertThat(LinkHeader.next(header)).isEqualTo(ALERTS + "?page=2");
	}

	@Test
	void nextWhenHeaderAbsentThenNull() {
		assertThat(LinkHeader.next(null)).isNull();
	}

	@Test
	void nextWhenLastPageThenNull() {
		String header = "<" + ALERTS + "?page=8>; rel=\"prev\", <" + ALERTS + "?page=1>; rel=\"first\"";

		assertThat(LinkHeader.next(header)).isNull();
	}

	@Test
	void nextWhenRelHasSeveralValuesThenFindsNext() {
		String header = "<" + ALERTS + "?page=1>; rel=\"prev first\", <" + ALERTS + "?page=3>; rel=\"next last\"";

		assertThat(LinkHeader.next(header)).isEqualTo(ALERTS + "?page=3");
	}

}
