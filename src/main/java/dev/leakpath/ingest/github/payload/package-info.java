/**
 * Classes created from JSON payloads received from GitHub. Every field is optional; unknown fields are
 * ignored and unknown enum values are kept as strings.
 */
package dev.leakpath.ingest.github.payload;
