package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class QueryParametersTests {

	private static final Set<String> ALLOWED = Set.of("state", "limit", "cursor");

	@Test
	void constructorWhenUnknownParametersThenBadRequestListingNames() {
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> parameters("state", "open", "sort", "x", "color", "red"))
			.withMessage("unknown parameter(s) [color, sort]; allowed: [cursor, limit, state]")
			.satisfies(ex -> assertThat(ex.type()).isEqualTo(ProblemType.BAD_REQUEST));
	}

	@Test
	void constructorWhenParameterRepeatedThenBadRequest() {
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> parameters("state", "open", "state", "resolved"))
			.withMessage("parameter 'state' is given more than once")
			.satisfies(ex -> assertThat(ex.type()).isEqualTo(ProblemType.BAD_REQUEST));
	}

	@Test
	void limitWhenAbsentThenDefault() {
		assertThat(parameters().limit()).isEqualTo(100);
	}

	@Test
	void limitWhenWithinRangeThenParsed() {
		assertThat(parameters("limit", "1").limit()).isEqualTo(1);
		assertThat(parameters("limit", "500").limit()).isEqualTo(500);
	}

	@Test
	void limitWhenNotANumberOrOutOfRangeThenBadRequest() {
		for (String limit : new String[] { "abc", "0", "501", "-1", "" }) {
			QueryParameters parameters = parameters("limit", limit);

			assertThatExceptionOfType(ApiProblemException.class).as("limit=%s", limit)
				.isThrownBy(parameters::limit)
				.withMessage("limit must be a whole number from 1 to 500");
		}
	}

	@Test
	void oneOfWhenAllowedValueThenReturnsIt() {
		assertThat(parameters("state", "open").oneOf("state", Set.of("open", "resolved"))).isEqualTo("open");
		assertThat(parameters().oneOf("state", Set.of("open", "resolved"))).isNull();
	}

	@Test
	void oneOfWhenOtherValueThenBadRequestListingAllowed() {
		QueryParameters parameters = parameters("state", "closed");

		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> parameters.oneOf("state", Set.of("resolved", "open")))
			.withMessage("parameter 'state' must be one of [open, resolved]");
	}

	@Test
	void cursorWhenEncodedCursorThenDecodesId() {
		assertThat(parameters("cursor", PageCursor.encode(42)).cursor()).isEqualTo(42L);
		assertThat(parameters().cursor()).isNull();
	}

	private static QueryParameters parameters(String... namesAndValues) {
		MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			values.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return new QueryParameters(values, ALLOWED);
	}

}
