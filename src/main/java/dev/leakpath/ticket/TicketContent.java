package dev.leakpath.ticket;

import java.util.List;
import java.util.Map;

/**
 * What a new ticket says: links and identifiers only, never a secret's value or preview.
 *
 * @param title one line
 * @param summary a sentence on what to do
 * @param facts labelled values, some with a link
 * @param alerts one line per alert the ticket stands for (several for a ticket per secret)
 * @param values the placeholders of a Jira rule's fields
 */
record TicketContent(String title, String summary, List<Line> facts, List<Line> alerts, Map<String, String> values) {

	/** @param url null when the line links nowhere */
	record Line(String label, String text, String url) {
	}

}
