package dev.leakpath.repository;

import java.util.List;

import io.r2dbc.spi.Readable;

/** Reads the {@code owners} array column that repository reads select. */
public final class OwnerColumns {

	private OwnerColumns() {
	}

	public static List<String> owners(Readable row) {
		String[] owners = row.get("owners", String[].class);
		return owners == null ? List.of() : List.of(owners);
	}

}
