package dev.leakpath.ingest;

/**
 * Where an alert's secret sits in a file the provider can give: {@code address} is the connector's own request
 * for the file (a blob, or an item at a commit), the same for every alert in that file version, so a page reads
 * each file once however many of its alerts point at it.
 */
public record ContextFile(String address, int startLine, Integer endLine) {
}
