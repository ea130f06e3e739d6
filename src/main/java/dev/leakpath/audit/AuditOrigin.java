package dev.leakpath.audit;

/**
 * Who asked for changes, and through which request.
 *
 * @param actor as {@code security.Callers} names a caller
 * @param remoteAddress the client's address, or null
 */
public record AuditOrigin(String actor, String method, String path, String remoteAddress) {
}
