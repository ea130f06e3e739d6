package dev.leakpath.attackpath;

import java.util.List;
import java.util.Set;

/**
 * A kind of resource an attack path can end at: the words its paths are named with, the resource category it
 * belongs to, the resource types it covers and how to close a path to it.
 *
 * @param id part of the rule ids of its paths ({@code github-secret-to-key-vault})
 * @param noun how a path's name says it, with its article ("a Key Vault")
 * @param category the resource category: {@code object_storage}, {@code managed_database}, {@code cache},
 * {@code message_bus}, {@code key_vault}, {@code container_registry}, {@code virtual_machine} or {@code other}
 */
record TargetKind(String id, String noun, String category, Set<String> resourceTypes, List<String> remediation) {

	/** The noun without its article, for a chain step. */
	String step() {
		return noun.substring(noun.indexOf(' ') + 1);
	}

}
