package dev.leakpath.audit;

/**
 * One change a request makes, for the audit log.
 *
 * @param subject what is changed, such as {@code alert:42}
 * @param before its state before the change, as a JSON object
 * @param after its state as the change asks it to be, as a JSON object
 */
public record AuditChange(String subject, String before, String after) {
}
