package dev.leakpath.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakpath.ticket.TicketContent.Line;

/**
 * A ticket's description as Jira takes it: Atlassian Document Format for REST API v3 (Cloud), plain text for v2
 * (Data Center).
 */
final class JiraDescriptions {

	private JiraDescriptions() {
	}

	/** A {@code doc} of a paragraph, a list of facts, a heading and a list of the alerts, links as link marks. */
	static Map<String, Object> adf(TicketContent content) {
		List<Object> blocks = new ArrayList<>();
		blocks.add(node("paragraph", List.of(text(content.summary(), null, false))));
		blocks.add(bulletList(content.facts()));
		blocks.add(Map.of("type", "heading", "attrs", Map.of("level", 3), "content", List.of(text("Alerts", null, false))));
		blocks.add(bulletList(content.alerts()));
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("type", "doc");
		doc.put("version", 1);
		doc.put("content", blocks);
		return doc;
	}

	static String plain(TicketContent content) {
		StringBuilder text = new StringBuilder(content.summary()).append("\n\n");
		content.facts().forEach(line -> text.append(line(line)));
		text.append("\nAlerts:\n");
		content.alerts().forEach(line -> text.append(line(line)));
		return text.toString().strip();
	}

	private static String line(Line line) {
		String url = line.url() == null || line.url().equals(line.text()) ? "" : " " + line.url();
		return "- " + line.label() + ": " + line.text() + url + "\n";
	}

	private static Map<String, Object> bulletList(List<Line> lines) {
		List<Object> items = new ArrayList<>();
		for (Line line : lines) {
			items.add(node("listItem", List.of(node("paragraph",
					List.of(text(line.label() + ": ", null, true), text(line.text(), line.url(), false))))));
		}
		return node("bulletList", items);
	}

	private static Map<String, Object> node(String type, List<Object> content) {
		return Map.of("type", type, "content", content);
	}

	private static Map<String, Object> text(String text, String link, boolean strong) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("type", "text");
		node.put("text", text);
		if (link != null) {
			node.put("marks", List.of(Map.of("type", "link", "attrs", Map.of("href", link))));
		}
		else if (strong) {
			node.put("marks", List.of(Map.of("type", "strong")));
		}
		return node;
	}

}
