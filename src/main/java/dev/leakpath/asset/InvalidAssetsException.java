package dev.leakpath.asset;

import java.util.List;

/** A batch of assets with invalid rows; nothing of it was stored. */
public class InvalidAssetsException extends RuntimeException {

	private final List<RowError> errors;

	InvalidAssetsException(List<RowError> errors) {
		super(errors.size() + " of the assets are invalid; nothing was stored");
		this.errors = List.copyOf(errors);
	}

	public List<RowError> errors() {
		return errors;
	}

	/** What is wrong with the row at {@code index} (0-based) of the batch. */
	public record RowError(int index, String field, String message) {
	}

}
