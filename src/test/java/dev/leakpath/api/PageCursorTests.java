package dev.leakpath.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PageCursorTests {

	@Test
	void decodeWhenEncodedThenRoundTrips() {
		for (long id : new long[] { 1, 42, 9_876_543_210L, Long.MAX_VALUE }) {
			assertThat(PageCursor.decode(PageCursor.encode(id))).isEqualTo(id);
		}
	}

	@Test
	void decodeWhenNullThenNull() {
		assertThat(PageCursor.decode(null)).isNull();
	}

	@Test
	void decodeWhenGarbageThenBadRequest() {
		for (String cursor : new String[] { "!!not base64!!", "", "djE6YWJj" /* v1:abc */ }) {
			assertBadRequest(cursor);
		}
	}

	@Test
	void decodeWhenIdNotPositiveThenBadRequest() {
		assertBadRequest(encodeRaw("v1:-5"));
		assertBadRequest(encodeRaw("v1:0"));
	}

	@Test
	void decodeWhenOtherPrefixThenBadRequest() {
		assertBadRequest(encodeRaw("v2:42"));
		assertBadRequest(encodeRaw("42"));
	}

	private static void assertBadRequest(String cursor) {
		assertThatExceptionOfType(ApiProblemException.class).as("cursor %s", cursor)
			.isThrownBy(() -> PageCursor.decode(cursor))
			.withMessage("cursor is not one this API returned")
			.satisfies(ex -> assertThat(ex.type()).isEqualTo(ProblemType.BAD_REQUEST));
	}

	private static String encodeRaw(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
