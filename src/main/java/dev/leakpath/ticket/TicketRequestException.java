package dev.leakpath.ticket;

/** A ticket asked for that cannot be opened, and why; the API answers it with the status its kind names. */
public class TicketRequestException extends RuntimeException {

	public enum Kind {

		/** an unknown rule, or a channel that cannot take this alert */
		INVALID,
		/** the alert is not in the caller's triage organisations */
		FORBIDDEN,
		/** no such alert the caller sees */
		NOT_FOUND,
		/** the alert is resolved */
		CONFLICT

	}

	private final Kind kind;

	TicketRequestException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

}
