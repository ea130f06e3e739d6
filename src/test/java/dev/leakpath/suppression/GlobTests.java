package dev.leakpath.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.leakpath.testsupport.TestPostgres;

class GlobTests {

	@Test
	void starsStayWithinASegmentAndDoubleStarsCrossThem() {
		assertThat(Glob.of("test/**").matches("test/fixtures/key.txt")).isTrue();
		assertThat(Glob.of("test/**").matches("src/test/key.txt")).isFalse();
		assertThat(Glob.of("test/*").matches("test/a/key.txt")).isFalse();
		assertThat(Glob.of("**/*.md").matches("README.md")).isTrue();
		assertThat(Glob.of("**/*.md").matches("docs/guide/setup.md")).isTrue();
		assertThat(Glob.of("**/*.md").matches("docs/setup.mdx")).isFalse();
		assertThat(Glob.of("config/app-?.yml").matches("config/app-1.yml")).isTrue();
		assertThat(Glob.of("config/app-?.yml").matches("config/app-10.yml")).isFalse();
	}

	@Test
	void everythingElseIsLiteralInJavaAndInPostgreSql() {
		Glob glob = Glob.of("acme/web+api (v2).[ci]");
		assertThat(glob.matches("acme/web+api (v2).[ci]")).isTrue();
		assertThat(glob.matches("acme/webbapi (v2).c")).isFalse();
		TestPostgres postgres = TestPostgres.get();
		assertThat(postgres.rows("select 'acme/web+api (v2).[ci]' ~ '" + glob.regex() + "', 'acme/webbapi (v2).c' ~ '"
				+ glob.regex() + "', 'acme/web' ~ '" + Glob.of("acme/*").regex() + "', 'acme/web/x' ~ '"
				+ Glob.of("acme/*").regex() + "'")).containsExactly("t|f|t|f");
	}

	@Test
	void anEmptyGlobOrATripleStarIsRefused() {
		assertThatThrownBy(() -> Glob.of(" ")).hasMessageContaining("may not be empty");
		assertThatThrownBy(() -> Glob.of("a/***")).hasMessageContaining("is not a glob");
	}

}
