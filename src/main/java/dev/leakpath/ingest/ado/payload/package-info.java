/**
 * Classes created from JSON payloads received from Azure DevOps. Every field is optional; unknown fields
 * are ignored and unknown enum values are kept as strings. {@code truncatedSecret} is deliberately not
 * read: it is a fragment, never the credential.
 */
package dev.leakpath.ingest.ado.payload;
