package dev.leakpath.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.leakpath.ticket.TicketContent.Line;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes a new ticket's content from its alerts as the database has them now. It reads identifiers, links and
 * labels only: the secret's preview is never selected, so it cannot reach a tracker.
 */
@Component
class TicketContents {

	/** Alerts listed in one ticket; a secret found in more places says how many more. */
	static final int MAX_ALERTS = 25;

	private static final String ALERTS = """
			select a.id, a.provider, a.provider_alert_id, a.secret_type,
			       coalesce(a.secret_type_display_name, a.secret_type) as type_name, a.alert_url, a.validity, a.state,
			       r.full_name, r.organization, coalesce(ar.risk_level, 'low') as risk_level, l.path, l.start_line,
			       l.file_url
			from ticket_alert ta
			join alert a on a.id = ta.alert_id
			join repository r on r.id = a.repository_id
			left join alert_risk ar on ar.alert_id = a.id
			left join lateral (
			    select path, start_line, file_url from alert_location where alert_id = a.id order by id limit 1
			) l on true
			where ta.ticket_id = :ticket
			order by a.id
			limit :limit
			""";

	private final DatabaseClient db;

	private final String dashboard;

	TicketContents(DatabaseClient db, TicketProperties properties) {
		this.db = db;
		String url = properties.dashboardUrl().toString();
		this.dashboard = url.endsWith("/") ? url : url + "/";
	}

	/** Empty when the ticket's alerts are gone. */
	Mono<TicketContent> forTicket(Ticket ticket) {
		return db.sql(ALERTS)
			.bind("ticket", ticket.id())
			.bind("limit", MAX_ALERTS + 1)
			.map(this::alert)
			.all()
			.collectList()
			.filter(alerts -> !alerts.isEmpty())
			.map(alerts -> content(ticket, alerts));
	}

	private TicketContent content(Ticket ticket, List<AlertFacts> alerts) {
		AlertFacts first = alerts.get(0);
		boolean perSecret = TicketRule.PER_SECRET.equals(ticket.scope());
		String title = perSecret ? "Exposed " + first.typeName() + " in " + first.repository()
				+ (alerts.size() > 1 ? " and other places" : "")
				: "Exposed " + first.typeName() + " in " + first.repository() + " (alert #" + first.number() + ")";
		String summary = "A secret-scanning alert found " + article(first.typeName()) + " " + first.typeName()
				+ " in " + first.repository() + ". Revoke or rotate the secret at its provider, move it to a secret "
				+ "store, then resolve the alert" + (perSecret ? "s" : "") + ": leakpath closes this ticket when "
				+ (perSecret ? "every alert of the secret is" : "the alert is") + " resolved, and reopens it when "
				+ (perSecret ? "one" : "it") + " comes back.";
		List<Line> facts = new ArrayList<>();
		facts.add(new Line("Secret type", first.typeName() + " (" + first.secretType() + ")", null));
		facts.add(new Line("Repository", first.repository() + " (" + first.provider() + ")", null));
		facts.add(new Line("Risk", first.riskLevel(), null));
		if (first.validity() != null) {
			facts.add(new Line("Validity", first.validity(), null));
		}
		facts.add(new Line("In leakpath", leakpathUrl(first), leakpathUrl(first)));
		List<Line> lines = new ArrayList<>();
		for (AlertFacts alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS))) {
			String where = alert.path() == null ? "" : " at " + alert.path()
					+ (alert.startLine() == null ? "" : ":" + alert.startLine());
			lines.add(new Line("Alert #" + alert.number(), alert.repository() + where + " (" + alert.state() + ")",
					alert.alertUrl() != null ? alert.alertUrl() : leakpathUrl(alert)));
			if (alert.fileUrl() != null) {
				lines.add(new Line("File", alert.path() == null ? alert.fileUrl() : alert.path(), alert.fileUrl()));
			}
		}
		if (alerts.size() > MAX_ALERTS) {
			lines.add(new Line("More", "further alerts of this secret are listed in leakpath", null));
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("repository", first.repository());
		values.put("organization", first.organization());
		values.put("provider", first.provider());
		values.put("secretType", first.secretType());
		values.put("riskLevel", first.riskLevel());
		values.put("alertUrl", first.alertUrl() == null ? "" : first.alertUrl());
		values.put("leakpathUrl", leakpathUrl(first));
		return new TicketContent(title, summary, facts, lines, values);
	}

	private String leakpathUrl(AlertFacts alert) {
		return dashboard + "#/alerts/" + alert.id();
	}

	private static String article(String word) {
		return !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
	}

	private AlertFacts alert(Readable row) {
		return new AlertFacts(row.get("id", Long.class), row.get("provider", String.class),
				row.get("provider_alert_id", String.class), row.get("secret_type", String.class),
				row.get("type_name", String.class), row.get("alert_url", String.class), row.get("validity", String.class),
				row.get("state", String.class), row.get("full_name", String.class), row.get("organization", String.class),
				row.get("risk_level", String.class), row.get("path", String.class), row.get("start_line", Integer.class),
				row.get("file_url", String.class));
	}

	private record AlertFacts(long id, String provider, String number, String secretType, String typeName,
			String alertUrl, String validity, String state, String repository, String organization, String riskLevel,
			String path, Integer startLine, String fileUrl) {
	}

}
