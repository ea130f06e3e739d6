package dev.leakpath.notify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * When to notify whom, and how.
 *
 * @param name shown on each notification it made
 * @param events {@code alert_opened}, {@code secret_valid}, {@code attack_path_opened},
 * {@code attack_path_escalated}, {@code alert_sla_breached}; empty: all
 * @param minRisk attack-path events (by the path's risk) and deadline breaches (by the alert's severity) at or above
 * this level ({@code low} … {@code critical}); null: any
 * @param providers, organizations, repositories conditions on the repository (full names); empty: any
 * @param channels {@code email}, {@code slack}, {@code teams}, {@code webhook}
 * @param recipients e-mail addresses for the e-mail channel; {@code owners} stands for the repository's owners
 * that are e-mail addresses; empty: {@code owners}; at most 100, each once
 * @param delivery {@code immediate} (the default), or {@code digest}: once a day, one message per recipient
 */
public record NotificationRule(String name, @Nullable List<String> events, @Nullable String minRisk,
		@Nullable List<String> providers, @Nullable List<String> organizations, @Nullable List<String> repositories,
		@Nullable List<String> channels, @Nullable List<String> recipients, @Nullable String delivery) {

	public static final String OWNERS = "owners";

	public static final String IMMEDIATE = "immediate";

	public static final String DIGEST = "digest";

	public NotificationRule {
		events = orEmpty(events);
		providers = orEmpty(providers);
		organizations = orEmpty(organizations);
		repositories = orEmpty(repositories);
		channels = orEmpty(channels);
		// a null kept, so that the check names its index rather than the body failing to read
		recipients = recipients == null || recipients.isEmpty() ? List.of(OWNERS)
				: Collections.unmodifiableList(new ArrayList<>(recipients));
		delivery = delivery == null || delivery.isBlank() ? IMMEDIATE : delivery;
	}

	boolean digest() {
		return DIGEST.equals(delivery);
	}

	private static List<String> orEmpty(List<String> values) {
		return values == null ? List.of() : List.copyOf(values);
	}

}
