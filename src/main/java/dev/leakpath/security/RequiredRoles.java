package dev.leakpath.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The role a request needs. Paths are matched as the router matches them (path patterns over decoded
 * segments), never as raw text: {@code /api/v1/%61udit} is the audit log to the router, so it is here too.
 */
final class RequiredRoles {

	/** Read with GET, but for admins only. */
	private static final List<PathPattern> ADMIN_READS = patterns("/api/v1/audit", "/api/v1/audit/**");

	/** Reads sent as POST. */
	private static final List<PathPattern> POST_READS = patterns("/api/v1/explorer/query");

	/** Triage: a triager's change, sent as POST; asking for a ticket is one. */
	private static final List<PathPattern> TRIAGE = patterns("/api/v1/alerts/triage", "/api/v1/alerts/{id}/triage",
			"/api/v1/alerts/{id}/tickets");

	private RequiredRoles() {
	}

	/**
	 * Reading needs a viewer; triaging alerts a triager; any other change an admin. An explorer query is a read
	 * sent as POST.
	 */
	static Role of(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		PathContainer path = request.getPath().pathWithinApplication();
		if (matches(ADMIN_READS, path)) {
			return Role.ADMIN;
		}
		if (method == HttpMethod.POST && matches(TRIAGE, path)) {
			return Role.TRIAGER;
		}
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD
				|| (method == HttpMethod.POST && matches(POST_READS, path));
		return read ? Role.VIEWER : Role.ADMIN;
	}

	private static boolean matches(List<PathPattern> patterns, PathContainer path) {
		return patterns.stream().anyMatch(pattern -> pattern.matches(path));
	}

	private static List<PathPattern> patterns(String... patterns) {
		return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
