package dev.leakpath.ticket;

import reactor.core.publisher.Mono;

/**
 * One issue tracker: finds a ticket by its key, opens one, and closes or reopens it. A failure is a
 * {@link TicketException} saying whether trying again may help, and after how long.
 */
interface Tracker {

	/** {@code jira} or {@code github-issues}: the name rules use. */
	String channel();

	/** Whether it is set up; rules cannot name a channel that is not. */
	boolean configured();

	/** The ticket carrying {@code ticket.key()}, or empty when the tracker has none. */
	Mono<TrackedIssue> find(Ticket ticket);

	Mono<TrackedIssue> create(Ticket ticket, TicketContent content);

	/** Makes the issue open or closed, doing nothing when it is already; answers its state after. */
	Mono<TrackedIssue> setOpen(Ticket ticket, TrackedIssue issue, boolean open);

}
