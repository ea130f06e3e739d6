package dev.leakpath.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CodeOwnersTests {

	@Test
	void parseWhenCatchAllRulesThenTheLastOneWins() {
		assertThat(CodeOwners.parse("""
				* @org/first
				/src/ @org/backend
				*     @org/second dev@example.com  # trailing comment
				""")).containsExactly("@org/second", "dev@example.com");
	}

	@Test
	void parseWhenNoCatchAllThenEveryoneNamedOnceInFileOrder() {
		assertThat(CodeOwners.parse("""
				# top comment
				[Section]
				/api/ @org/api @alice
				/web/ @alice @org/web
				/esc\\#aped @bob
				/docs/ not-an-owner
				""")).containsExactly("@org/api", "@alice", "@org/web", "@bob");
	}

	@Test
	void parseWhenCatchAllOwnsNobodyThenNobody() {
		assertThat(CodeOwners.parse("/api/ @org/api\n*\n")).isEmpty();
	}

	@Test
	void resolveThenConfigThenCodeOwnersThenAdminTeamsThenFallback() {
		OwnerResolution resolution = new OwnerResolution(new OwnerProperties(
				List.of(new OwnerProperties.Mapping("acme/PAY*-api", List.of("pay@acme.example"))),
				Map.of("acme", List.of("sec@acme.example")), true));
		ProviderOwners both = new ProviderOwners(List.of("@acme/code"), List.of("@acme/admins"));

		assertThat(resolution.resolve("acme", "acme/payments-api", both))
			.isEqualTo(new ResolvedOwners(List.of("pay@acme.example"), "config"));
		assertThat(resolution.resolve("acme", "acme/web", both))
			.isEqualTo(new ResolvedOwners(List.of("@acme/code"), "codeowners"));
		assertThat(resolution.resolve("acme", "acme/web", new ProviderOwners(List.of(), List.of("@acme/admins"))))
			.isEqualTo(new ResolvedOwners(List.of("@acme/admins"), "admins"));
		assertThat(resolution.resolve("acme", "acme/web", ProviderOwners.NONE))
			.isEqualTo(new ResolvedOwners(List.of("sec@acme.example"), "fallback"));
		assertThat(resolution.resolve("globex", "globex/web", ProviderOwners.NONE)).isEqualTo(ResolvedOwners.NONE);
	}

}
