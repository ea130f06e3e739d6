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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws the fake Azure DevOps's secret alerts from one seeded {@link Random}. */
final class AdoDemoAlerts {

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
	// Advanced Security was enabled on this day; its first scan found the secrets already in the history.
	private static final Instant ENABLED = Instant.parse("2026-02-02T09:00:00Z");
	private static final Instant HISTORY_START = Instant.parse("2024-06-01T00:00:00Z");
	private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
	private static final Duration LONGEST_TRIAGE = Duration.ofDays(45);
	private static final String UNKNOWN_LINE_END_REPO = "docs";

	private final Random random;

	AdoDemoAlerts(Random random) {
		this.random = random;
	}

	/** Each enabled repository's alerts in the order the API lists them (by alert id). */
	Map<Repo, List<AdoAlertSpec>> generate() {
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
		Map<Repo, List<AdoAlertSpec>> alerts = new LinkedHashMap<>();
		AdoDemoOrganization.PROJECTS.stream()
				.flatMap(project -> project.repos().stream())
				.filter(repo -> !repo.disabled())
				.forEach(repo -> alerts.put(repo, new ArrayList<>()));
		for (int i = 0; i < sightings.size(); i++) {
			Sighting sighting = sightings.get(i);
			List<AdoAlertSpec> repoAlerts = alerts.get(sighting.repo());
			boolean unknownLineEnd = sighting.repo().name().equals(UNKNOWN_LINE_END_REPO) && repoAlerts.isEmpty();
			repoAlerts.add(alert(sighting, i + 1, states.get(i), unknownLineEnd));
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

	private AdoAlertSpec alert(Sighting sighting, int alertId, String state, boolean unknownLineEnd) {
		Rule rule = weighted(RULES);
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
		return new AdoAlertSpec(AdoDemoOrganization.NAME, project.id(), project.name(), repo.id(), repo.name(),
				alertId, rule.opaqueId(), rule.friendlyName(), rule.title(), rule.confidence(), state, dismissalType,
				dismissedOn, validity, validity == null ? null : between(firstSeen, NOW), sighting.introducedDate(),
				firstSeen, lastSeen, fixedDate, "…" + chars(rule.alphabet(), rule.tailLength()) + rule.tailSuffix(),
				locations(repo, rule, unknownLineEnd));
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

	// One location per commit that holds the secret: mostly one, sometimes copied on into a second or third.
	private List<AdoAlertSpec.Location> locations(Repo repo, Rule rule, boolean unknownLineEnd) {
		double roll = random.nextDouble();
		int count = roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
		List<AdoAlertSpec.Location> locations = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int line = 1 + random.nextInt(180);
			int column = 1 + random.nextInt(40);
			locations.add(new AdoAlertSpec.Location(pick(repo.leakyPaths()), line, unknownLineEnd && i == 0 ? 0 : line,
					column, column + rule.length(), chars(HEX, 40)));
		}
		return locations;
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
