package dev.leakpath.security;

/**
 * What a signed-in caller may do: a viewer reads, a triager also triages alerts of its organisations (assigns,
 * resolves, dismisses, reopens them at their provider), an admin also changes settings, syncs and imports.
 */
public enum Role {

	VIEWER, TRIAGER, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
