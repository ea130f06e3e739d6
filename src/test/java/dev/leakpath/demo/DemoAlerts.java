package dev.leakpath.demo;

import static dev.leakpath.testsupport.GitHubPayloads.commitLocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakpath.testsupport.AlertSpec;
import dev.leakpath.testsupport.FakeSecrets;
import dev.leakpath.testsupport.GitHubPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

/** Draws the demo's alerts from one seeded {@link Random}, so the same seed always yields the same alerts. */
final class DemoAlerts {

	/** An alert and what its {@code /locations} stub serves; no locations means it needs no stub. */
	record DemoAlert(AlertSpec spec, List<ObjectNode> locations) {
	}

	private record SecretKind(String type, String displayName, int weight, boolean validityChecked) {
	}

	private enum Outcome { RANDOM, OPEN, PATTERN_EDITED }

	/** Where an alert was found: once in a commit, in several commits, or only outside the git history. */
	private enum Spread { ONE_COMMIT, MORE_COMMITS, NOT_IN_COMMITS }

	private record Leak(DemoRepo repo, SecretKind kind, String secret, boolean multiRepo, boolean publiclyLeaked,
			Outcome outcome) {
	}

	private record Draft(Leak leak, Instant createdAt, Instant updatedAt, Instant resolvedAt, String resolution,
			String validity, ObjectNode firstLocation, List<ObjectNode> locations) {
	}

	// The last 60 days before the demo's today: the overview's 30-day trend has alerts opened and resolved every week.
	private static final Instant WINDOW_END = DemoDates.ANCHOR;
	private static final Instant WINDOW_START = WINDOW_END.minus(Duration.ofDays(60));
	private static final Duration LONGEST_TRIAGE = Duration.ofDays(21);
	private static final String CUSTOM_PATTERN = "acme_internal_service_token";
	private static final long SEED_OF_GCP_KEY = 20261119L;
	private static final List<SecretKind> KINDS = List.of(
			new SecretKind("azure_storage_account_key", "Azure Storage Account Access Key", 14, true),
			new SecretKind("azure_sas_token", "Azure SAS Token", 8, false),
			new SecretKind("azure_cosmosdb_key_identifiable", "Azure Cosmos DB Key Identifiable", 6, true),
			new SecretKind("azure_devops_personal_access_token", "Azure DevOps Personal Access Token", 6, true),
			new SecretKind("aws_access_key_id", "Amazon AWS Access Key ID", 8, true),
			new SecretKind("github_personal_access_token", "GitHub Personal Access Token", 10, true),
			new SecretKind("slack_api_token", "Slack API Token", 6, true),
			new SecretKind("openai_api_key", "OpenAI API Key", 5, true),
			new SecretKind("npm_access_token", "npm Access Token", 5, true),
			new SecretKind("google_api_key", "Google API Key", 6, true),
			new SecretKind("postgres_connection_string", "PostgreSQL Connection String", 8, false),
			new SecretKind("mongodb_connection_string", "MongoDB Connection String", 5, false),
			new SecretKind("rsa_private_key", "RSA Private Key", 5, false),
			new SecretKind(CUSTOM_PATTERN, "Acme internal service token", 4, false));
	/** Not among {@link #KINDS}: only the one planned alert that is not drawn carries it. */
	private static final SecretKind GCP_KEY_FILE = new SecretKind("google_cloud_service_account_credentials",
			"Google Cloud Service Account Credentials", 0, true);
	private static final List<String> NON_COMMIT_TYPES =
			List.of("issue_comment", "pull_request_body", "wiki_commit", "discussion_comment", "issue_title");
	private static final List<String> WIKI_PAGES = List.of("Home", "Deployment", "Runbook-Database", "Onboarding");

	private final Random random;
	private final FakeSecrets secrets;
	private int nonCommitAlerts;

	DemoAlerts(Random random, FakeSecrets secrets) {
		this.random = random;
		this.secrets = secrets;
	}

	/** Each org's alerts in the order GitHub lists them for {@code sort=updated&direction=desc}. */
	Map<DemoOrg, List<DemoAlert>> generate(List<DemoOrg> orgs) {
		Map<DemoOrg, List<Leak>> leaks = plannedLeaks();
		Map<DemoOrg, List<DemoAlert>> alerts = new LinkedHashMap<>();
		for (DemoOrg org : orgs) {
			List<Draft> drafts = new ArrayList<>();
			List<Leak> planned = leaks.getOrDefault(org, List.of());
			planned.forEach(leak -> drafts.add(draft(leak, Spread.ONE_COMMIT)));
			for (Spread spread : shuffledSpreads(org.alertCount() - planned.size())) {
				drafts.add(draft(randomLeak(org), spread));
			}
			if (org == DemoOrg.ACME_CORP) {
				drafts.add(gcpKeyFileDraft());
			}
			alerts.put(org, numberedNewestFirst(drafts));
		}
		return alerts;
	}

	// The stories the demo tells on purpose: one secret pasted into two repos (once across orgs), secrets that leaked
	// publicly from public repos, and a custom pattern that was edited afterwards.
	private Map<DemoOrg, List<Leak>> plannedLeaks() {
		DemoOrg acme = DemoOrg.ACME_CORP;
		DemoOrg globex = DemoOrg.GLOBEX;
		Map<DemoOrg, List<Leak>> leaks = new HashMap<>();
		sharedSecret(leaks, acme, "payments-api", acme, "infra-terraform", "azure_storage_account_key");
		sharedSecret(leaks, acme, "web-frontend", acme, "mobile-app", "google_api_key");
		sharedSecret(leaks, acme, "data-pipeline", globex, "platform", "postgres_connection_string");
		publicLeak(leaks, acme, "payments-api", "openai_api_key");
		publicLeak(leaks, acme, "payments-api", "azure_storage_account_key");
		publicLeak(leaks, acme, "docs-site", "github_personal_access_token");
		publicLeak(leaks, globex, "website", "google_api_key");
		leaks.get(acme).add(new Leak(acme.repo("legacy-billing"), kind(CUSTOM_PATTERN), secrets.next(CUSTOM_PATTERN),
				false, false, Outcome.PATTERN_EDITED));
		return leaks;
	}

	/**
	 * The key file of the demo GCP project's service account etl-runner, committed to data-pipeline a day and a
	 * bit before the demo's today, so that the fake GCP project shows an identity path. On top of the org's
	 * {@code alertCount} and drawn from none of the seeded values, so that every other alert stays as it was; the
	 * newest of its repository, so that it takes the next number there and renumbers none.
	 */
	private static Draft gcpKeyFileDraft() {
		DemoRepo repo = DemoOrg.ACME_CORP.repo("data-pipeline");
		String keyFile = DemoGcpKeyFile.text(SEED_OF_GCP_KEY);
		String[] lines = keyFile.split("\n");
		Instant createdAt = WINDOW_END.minus(Duration.ofHours(30));
		ObjectNode location = commitLocation(repo.org(), repo.name(), DemoGcpKeyFile.PATH, 1, lines.length, 1,
				lines[lines.length - 1].length() + 1, "5be1c4a07f2d9e83b61a0c4d7e95f2a3b8c61d04",
				"e07c2b9d41a86f5c3d2e19b7a04f68c5d1b3e927");
		return new Draft(new Leak(repo, GCP_KEY_FILE, keyFile, false, false, Outcome.OPEN), createdAt, createdAt, null,
				null, "active", location, List.of());
	}

	private void sharedSecret(Map<DemoOrg, List<Leak>> leaks, DemoOrg firstOrg, String firstRepo, DemoOrg secondOrg,
			String secondRepo, String type) {
		String secret = secrets.next(type);
		leaks.computeIfAbsent(firstOrg, ignored -> new ArrayList<>())
				.add(new Leak(firstOrg.repo(firstRepo), kind(type), secret, true, false, Outcome.OPEN));
		leaks.computeIfAbsent(secondOrg, ignored -> new ArrayList<>())
				.add(new Leak(secondOrg.repo(secondRepo), kind(type), secret, true, false, Outcome.OPEN));
	}

	private void publicLeak(Map<DemoOrg, List<Leak>> leaks, DemoOrg org, String repo, String type) {
		leaks.computeIfAbsent(org, ignored -> new ArrayList<>())
				.add(new Leak(org.repo(repo), kind(type), secrets.next(type), false, true, Outcome.OPEN));
	}

	// Fixed shares rather than a roll per alert, so both rare kinds are always present: 8% several commits, 7% none.
	private List<Spread> shuffledSpreads(int count) {
		int moreCommits = Math.round(count * 0.08f);
		int notInCommits = Math.round(count * 0.07f);
		List<Spread> spreads = new ArrayList<>(
				Collections.nCopies(count - moreCommits - notInCommits, Spread.ONE_COMMIT));
		spreads.addAll(Collections.nCopies(moreCommits, Spread.MORE_COMMITS));
		spreads.addAll(Collections.nCopies(notInCommits, Spread.NOT_IN_COMMITS));
		Collections.shuffle(spreads, random);
		return spreads;
	}

	private Leak randomLeak(DemoOrg org) {
		DemoRepo repo = weighted(org.repos(), DemoRepo::weight);
		List<SecretKind> kinds = org == DemoOrg.ACME_CORP
				? KINDS
				: KINDS.stream().filter(kind -> !kind.type().equals(CUSTOM_PATTERN)).toList();
		SecretKind kind = weighted(kinds, SecretKind::weight);
		return new Leak(repo, kind, secrets.next(kind.type()), false, false, Outcome.RANDOM);
	}

	private Draft draft(Leak leak, Spread spread) {
		Instant createdAt = between(WINDOW_START, WINDOW_END.minusSeconds(1));
		Instant triageDeadline = createdAt.plus(LONGEST_TRIAGE);
		Instant latest = triageDeadline.isBefore(WINDOW_END) ? triageDeadline : WINDOW_END;
		String resolution = resolution(leak.outcome());
		Instant resolvedAt = resolution == null ? null : between(createdAt, latest);
		Instant updatedAt = resolvedAt != null ? resolvedAt
				: random.nextBoolean() ? createdAt : between(createdAt, latest);
		ObjectNode firstLocation;
		List<ObjectNode> locations;
		if (spread == Spread.ONE_COMMIT) {
			firstLocation = commitIn(leak.repo(), leak.secret());
			locations = List.of();
		} else if (spread == Spread.MORE_COMMITS) {
			locations = new ArrayList<>();
			for (int i = 0, count = 2 + random.nextInt(2); i < count; i++) {
				locations.add(commitIn(leak.repo(), leak.secret()));
			}
			firstLocation = locations.get(0);
		} else {
			firstLocation = null;
			locations = nonCommitLocations(leak.repo(), leak.secret());
		}
		return new Draft(leak, createdAt, updatedAt, resolvedAt, resolution, validity(leak, resolution),
				firstLocation, locations);
	}

	private String resolution(Outcome outcome) {
		if (outcome == Outcome.PATTERN_EDITED) {
			return "pattern_edited";
		}
		if (outcome == Outcome.OPEN || random.nextDouble() >= 0.3) {
			return null;
		}
		double roll = random.nextDouble();
		return roll < 0.35 ? "false_positive" : roll < 0.65 ? "revoked" : roll < 0.85 ? "wont_fix" : "used_in_tests";
	}

	private String validity(Leak leak, String resolution) {
		if (!leak.kind().validityChecked()) {
			return "unknown";
		}
		// The planned stories are live credentials, and both copies of a shared secret must agree.
		if (leak.outcome() == Outcome.OPEN) {
			return "active";
		}
		if ("revoked".equals(resolution)) {
			return "inactive";
		}
		double roll = random.nextDouble();
		return roll < 0.55 ? "active" : roll < 0.70 ? "inactive" : "unknown";
	}

	private ObjectNode commitIn(DemoRepo repo, String secret) {
		String[] lines = secret.split("\n");
		int startLine = 1 + random.nextInt(180);
		// A PEM block starts a line; one-line secrets sit after a key such as "password: ".
		int startColumn = lines.length > 1 ? 1 : 1 + random.nextInt(40);
		int endColumn = lines.length > 1 ? lines[lines.length - 1].length() + 1 : startColumn + secret.length();
		return commitLocation(repo.org(), repo.name(), pick(repo.leakyPaths()), startLine, startLine + lines.length - 1,
				startColumn, endColumn, secrets.sha(), secrets.sha());
	}

	// Cycles through the kinds so every non-commit kind appears; every other alert was also pasted a second place.
	private List<ObjectNode> nonCommitLocations(DemoRepo repo, String secret) {
		int first = nonCommitAlerts++;
		List<ObjectNode> locations = new ArrayList<>();
		locations.add(nonCommit(NON_COMMIT_TYPES.get(first % NON_COMMIT_TYPES.size()), repo, secret));
		if (first % 2 == 1) {
			locations.add(nonCommit(NON_COMMIT_TYPES.get((first + 1) % NON_COMMIT_TYPES.size()), repo, secret));
		}
		return locations;
	}

	private ObjectNode nonCommit(String type, DemoRepo repo, String secret) {
		String org = repo.org();
		String name = repo.name();
		int number = 1 + random.nextInt(400);
		switch (type) {
			case "issue_comment":
				return GitHubPayloads.issueCommentLocation(org, name, number,
						1_900_000_000L + random.nextInt(400_000_000));
			case "pull_request_body":
				return GitHubPayloads.pullRequestBodyLocation(org, name, number);
			case "wiki_commit":
				int line = 1 + random.nextInt(60);
				int column = 1 + random.nextInt(20);
				return GitHubPayloads.wikiCommitLocation(org, name, pick(WIKI_PAGES), line, line, column,
						column + secret.split("\n")[0].length(), secrets.sha(), secrets.sha());
			case "discussion_comment":
				return GitHubPayloads.discussionCommentLocation(org, name, number % 60 + 1,
						7_000_000L + random.nextInt(900_000));
			default:
				return GitHubPayloads.issueTitleLocation(org, name, number);
		}
	}

	// Alert numbers count up per repository in creation order, as on GitHub.
	private List<DemoAlert> numberedNewestFirst(List<Draft> drafts) {
		Map<DemoRepo, Integer> lastNumber = new HashMap<>();
		List<DemoAlert> alerts = new ArrayList<>();
		drafts.stream()
				.sorted(Comparator.comparing(Draft::createdAt).thenComparing(draft -> draft.leak().repo().name()))
				.forEach(draft -> alerts.add(toAlert(draft, lastNumber.merge(draft.leak().repo(), 1, Integer::sum))));
		alerts.sort(Comparator.comparing((DemoAlert alert) -> alert.spec().updatedAt()).reversed()
				.thenComparing(alert -> alert.spec().repoName())
				.thenComparing(alert -> alert.spec().number()));
		return alerts;
	}

	private static DemoAlert toAlert(Draft draft, int number) {
		Leak leak = draft.leak();
		DemoRepo repo = leak.repo();
		AlertSpec spec = new AlertSpec(repo.org(), repo.orgId(), repo.name(), repo.id(), repo.isPrivate(), number,
				leak.kind().type(), leak.kind().displayName(), leak.secret(),
				draft.resolution() == null ? "open" : "resolved", draft.resolution(), draft.validity(),
				leak.publiclyLeaked(), leak.multiRepo(), draft.createdAt(), draft.updatedAt(), draft.resolvedAt(),
				draft.firstLocation(), draft.locations().size() > 1);
		return new DemoAlert(spec, draft.locations());
	}

	private Instant between(Instant from, Instant to) {
		return from.plusSeconds(random.nextLong(Duration.between(from, to).toSeconds() + 1));
	}

	private <T> T pick(List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

	private <T> T weighted(List<T> items, ToIntFunction<T> weight) {
		int roll = random.nextInt(items.stream().mapToInt(weight).sum());
		for (T item : items) {
			roll -= weight.applyAsInt(item);
			if (roll < 0) {
				return item;
			}
		}
		throw new IllegalStateException("weights must be positive");
	}

	private static SecretKind kind(String type) {
		return KINDS.stream().filter(kind -> kind.type().equals(type)).findFirst().orElseThrow();
	}
}
