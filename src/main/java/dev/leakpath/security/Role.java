package dev.leakpath.security;

/** What a signed-in caller may do: a viewer reads, an admin also changes settings, syncs and imports. */
public enum Role {

	VIEWER, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
