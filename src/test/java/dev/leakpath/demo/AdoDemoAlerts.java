package dev.leakpath.demo;

import dev.leakpath.demo.AdoDemoOrganization.Project;
import dev.leakpath.demo.AdoDemoOrganization.Repo;
import dev.leakpath.testsupport.AdoAlertSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Draws the fake Azure DevOps's secret alerts from one seeded {@link Random}. */
final class AdoDemoAlerts {

	/** An alert and, for each of its locations, the line of the file at that commit that holds the secret. */
	record AdoDemoAlert(AdoAlertSpec spec, List<String> secretLines) {
	}

	/**
	 * A secret-scanning rule. Generic ({@code other}) patterns have no validity check, so their alerts carry no
	 * {@code validityDetails}. {@code length} is the width of a secret's region. Its {@code truncatedSecret} is an
	 * ellipsis, {@code tailLength} characters of {@code alphabet} and {@code tailSuffix}.
	 */
	private record Rule(String opaqueId, String friendlyName, String title, String confidence, int weight,
			int length, String alphabet, int tailLength, String tailSuffix) {

		boolean validityChecked() {
			return "high".equals(confidence);
		}
	}

	/** Where an alert was found, before the org-wide alert ids are handed out in the order of discovery. */
	private record Sighting(Project project, Repo repo, Instant introducedDate, Instant firstSeenDate) {
	}

	/** One alert's secret: the rule that found it and its value, which only the file at the commit holds. */
	private record Secret(Rule rule, String value) {

		String truncated() {
			return "…" + value.substring(value.length() - rule.tailLength() - rule.tailSuffix().length());
		}
	}

	private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	private static final String BASE64 = BASE62 + "+/";
	private static final String HEX = "0123456789abcdef";
	private static final List<Rule> RULES = List.of(
			new Rule("SEC101/102", "AdoPat", "Azure DevOps personal access token (PAT)", "high", 14,
					52, "abcdefghijklmnopqrstuvwxyz234567", 6, ""),
			new Rule("SEC101/152", "AzureStorageAccountIdentifiableKey", "Azure Storage account access key", "high",
					16, 88, BASE64, 4, "=="),
			new Rule("SEC101/160", "AzureCosmosDBIdentifiableKey", "Azure Cosmos DB identifiable key", "high", 8,
					88, BASE64, 4, "=="),
			new Rule("SEC101/156", "AadClientAppIdentifiableCredentials", "Microsoft Entra ID client secret", "high",
					10, 40, BASE62 + "~._-", 6, ""),
			new Rule("SEC101/037", "SqlLegacyCredentials", "SQL Server connection string", "other", 10,
					24, BASE62, 6, ""),
			new Rule("SEC101/127", "UrlCredentials", "Credentials in a URL", "other", 8,
					20, BASE62, 6, ""),
			// A partner pattern: no SEC101 id, the opaqueId is the token name itself.
			new Rule("GitHubPat", "GitHubPat", "GitHub personal access token", "high", 10,
					40, BASE62, 6, ""));
	private static final Instant NOW = DemoDates.ANCHOR;
	// Advanced Security was enabled 60 days before the demo's today; its first scan found the secrets already in
	// the history, later scans the ones committed since.
	private static final Instant ENABLED = NOW.minus(Duration.ofDays(60)).plus(Duration.ofHours(9));
	private static final Instant HISTORY_START = NOW.minus(Duration.ofDays(180));
	private static final Duration LONGEST_TRIAGE = Duration.ofDays(21);
	private static final String UNKNOWN_LINE_END_REPO = "docs";
	// The stories the demo tells on purpose, each on the first active alert of its repository: a storage account
	// key in a public project, and a SQL login in a private one (see AttackPathRules).
	private static final Map<String, String> STORY_RULES = Map.of(
			"sdk", "AzureStorageAccountIdentifiableKey",
			"payments-api", "SqlLegacyCredentials");
	// Every fake value says so, in each rule's alphabet.
	private static final String FAKE_MARK = "FAKEDEMO";

	private final Random random;

	AdoDemoAlerts(Random random) {
		this.random = random;
	}

	/** Each enabled repository's alerts in the order the API lists them (by alert id). */
	Map<Repo, List<AdoDemoAlert>> generate() {
		List<Sighting> sightings = new ArrayList<>();
		for (Project project : AdoDemoOrganization.PROJECTS) {
			for (Repo repo : project.repos()) {
				for (int i = 0; i < repo.alertCount(); i++) {
					sightings.add(sighting(project, repo));
				}
			}
		}
		// Alert ids count up across the organisation as the scans find secrets.
		sightings.sort(Comparator.comparing(Sighting::firstSeenDate).thenComparing(sighting -> sighting.repo().name()));
		List<String> states = shuffledStates(sightings.size());
		Map<Repo, List<AdoDemoAlert>> alerts = new LinkedHashMap<>();
		AdoDemoOrganization.PROJECTS.stream()
				.flatMap(project -> project.repos().stream())
				.filter(repo -> !repo.disabled())
				.forEach(repo -> alerts.put(repo, new ArrayList<>()));
		Map<String, String> untold = new HashMap<>(STORY_RULES);
		for (int i = 0; i < sightings.size(); i++) {
			Sighting sighting = sightings.get(i);
			List<AdoDemoAlert> repoAlerts = alerts.get(sighting.repo());
			boolean unknownLineEnd = sighting.repo().name().equals(UNKNOWN_LINE_END_REPO) && repoAlerts.isEmpty();
			Rule rule = weighted(RULES);
			if ("active".equals(states.get(i)) && untold.containsKey(sighting.repo().name())) {
				rule = rule(untold.remove(sighting.repo().name()));
			}
			repoAlerts.add(alert(sighting, i + 1, states.get(i), rule, unknownLineEnd));
		}
		if (!untold.isEmpty()) {
			throw new IllegalStateException("no active alert to tell the story of " + untold.keySet());
		}
		return alerts;
	}

	private Sighting sighting(Project project, Repo repo) {
		// A commit time: git records whole seconds.
		Instant introduced = between(HISTORY_START, NOW.minus(Duration.ofDays(7))).truncatedTo(ChronoUnit.SECONDS);
		Instant scanned = introduced.isAfter(ENABLED) ? introduced : ENABLED;
		return new Sighting(project, repo, introduced, between(scanned.plus(Duration.ofMinutes(10)),
				scanned.plus(Duration.ofHours(36))));
	}

	// Fixed shares rather than a roll per alert: 84 active, 22 dismissed, 13 fixed and 1 autoDismissed of 120.
	private List<String> shuffledStates(int count) {
		int dismissed = Math.round(count * 0.18f);
		int fixed = Math.round(count * 0.11f);
		List<String> states = new ArrayList<>(Collections.nCopies(count - dismissed - fixed - 1, "active"));
		states.addAll(Collections.nCopies(dismissed, "dismissed"));
		states.addAll(Collections.nCopies(fixed, "fixed"));
		states.add("autoDismissed");
		Collections.shuffle(states, random);
		return states;
	}

	private AdoDemoAlert alert(Sighting sighting, int alertId, String state, Rule rule, boolean unknownLineEnd) {
		Instant firstSeen = sighting.firstSeenDate();
		Instant fixedDate = "fixed".equals(state) ? between(firstSeen, NOW) : null;
		Instant lastSeen = between(firstSeen, fixedDate != null ? fixedDate : NOW);
		String dismissalType = dismissalType(state);
		Instant triageDeadline = firstSeen.plus(LONGEST_TRIAGE);
		Instant dismissedOn = dismissalType == null ? null
				: between(firstSeen, triageDeadline.isBefore(NOW) ? triageDeadline : NOW);
		String validity = rule.validityChecked() ? validity(state, dismissalType) : null;
		Project project = sighting.project();
		Repo repo = sighting.repo();
		Secret secret = secret(rule);
		List<AdoAlertSpec.Location> locations = new ArrayList<>();
		List<String> secretLines = new ArrayList<>();
		locations(project, repo, secret, unknownLineEnd, locations, secretLines);
		AdoAlertSpec spec = new AdoAlertSpec(AdoDemoOrganization.NAME, project.id(), project.name(), repo.id(),
				repo.name(), alertId, rule.opaqueId(), rule.friendlyName(), rule.title(), rule.confidence(), state,
				dismissalType, dismissedOn, validity, validity == null ? null : between(firstSeen, NOW),
				sighting.introducedDate(), firstSeen, lastSeen, fixedDate, secret.truncated(), locations);
		return new AdoDemoAlert(spec, secretLines);
	}

	// The region's width, the rule's alphabet, and the tail that the alert's truncatedSecret shows.
	private Secret secret(Rule rule) {
		String mark = rule.alphabet().contains("F") ? FAKE_MARK : FAKE_MARK.toLowerCase(Locale.ROOT);
		String prefix = "GitHubPat".equals(rule.friendlyName()) ? "ghp_" + mark : mark;
		int tail = rule.tailLength() + rule.tailSuffix().length();
		return new Secret(rule, prefix + chars(rule.alphabet(), rule.length() - prefix.length() - tail)
				+ chars(rule.alphabet(), rule.tailLength()) + rule.tailSuffix());
	}

	private String dismissalType(String state) {
		if ("autoDismissed".equals(state)) {
			return "toolUpgrade";
		}
		if (!"dismissed".equals(state)) {
			return null;
		}
		double roll = random.nextDouble();
		return roll < 0.45 ? "falsePositive" : roll < 0.75 ? "acceptedRisk" : "fixed";
	}

	// A revoked secret no longer works; otherwise the last check found it live, dead or could not tell.
	private String validity(String state, String dismissalType) {
		if ("fixed".equals(state) || "fixed".equals(dismissalType)) {
			return "inactive";
		}
		double roll = random.nextDouble();
		return roll < 0.55 ? "active" : roll < 0.75 ? "inactive" : "unknown";
	}

	// One location per commit that holds the secret: mostly one, sometimes copied on into a second or third. The
	// columns are where the secret sits on its line of that file.
	private void locations(Project project, Repo repo, Secret secret, boolean unknownLineEnd,
			List<AdoAlertSpec.Location> locations, List<String> secretLines) {
		double roll = random.nextDouble();
		int count = roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
		for (int i = 0; i < count; i++) {
			int line = 1 + random.nextInt(180);
			String path = pick(repo.leakyPaths());
			AdoDemoFiles.SecretLine secretLine =
					AdoDemoFiles.line(secret.rule().friendlyName(), project, path, secret.value());
			locations.add(new AdoAlertSpec.Location(path, line, unknownLineEnd && i == 0 ? 0 : line,
					secretLine.columnStart(), secretLine.columnEnd(), chars(HEX, 40)));
			secretLines.add(secretLine.text());
		}
	}

	// Whole .NET ticks (100 ns), as the API's dates carry.
	private Instant between(Instant from, Instant to) {
		long ticks = Duration.between(from, to).toNanos() / 100;
		return from.plusNanos(random.nextLong(ticks + 1) * 100);
	}

	private String chars(String alphabet, int count) {
		StringBuilder value = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}

	private <T> T pick(List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

	private static Rule rule(String friendlyName) {
		return RULES.stream().filter(rule -> rule.friendlyName().equals(friendlyName)).findFirst().orElseThrow();
	}

	private Rule weighted(List<Rule> rules) {
		int roll = random.nextInt(rules.stream().mapToInt(Rule::weight).sum());
		for (Rule rule : rules) {
			roll -= rule.weight();
			if (roll < 0) {
				return rule;
			}
		}
		throw new IllegalStateException("weights must be positive");
	}
}
