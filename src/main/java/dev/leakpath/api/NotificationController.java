package dev.leakpath.api;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.leakpath.notify.NotificationQueries;
import dev.leakpath.notify.NotificationView;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "notifications")
@RestController
class NotificationController {

	private static final Set<String> PARAMETERS = Set.of("status", "channel", "limit", "cursor");

	private static final Set<String> CHANNELS = Set.of("email", "slack", "teams", "webhook");

	private final NotificationQueries notifications;

	NotificationController(NotificationQueries notifications) {
		this.notifications = notifications;
	}

	@Operation(operationId = "listNotifications",
			summary = "Notifications sent, pending and failed, newest first, with attempts and the last error")
	@Parameters({ @Parameter(in = ParameterIn.QUERY, name = "status", description = "pending, sent or failed"),
			@Parameter(in = ParameterIn.QUERY, name = "channel", description = "email, slack, teams or webhook"),
			@Parameter(in = ParameterIn.QUERY, name = "limit", description = "items per page, 1 to 500 (default 100)"),
			@Parameter(in = ParameterIn.QUERY, name = "cursor", description = "nextCursor of the previous page") })
	@GetMapping("/api/v1/notifications")
	Mono<Page<NotificationView>> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		QueryParameters query = new QueryParameters(parameters, PARAMETERS);
		int limit = query.limit();
		return notifications
			.find(query.oneOf("status", Set.copyOf(NotificationQueries.STATUSES)), query.oneOf("channel", CHANNELS),
					query.cursor(), limit + 1)
			.map(rows -> Page.of(rows, limit, NotificationView::id));
	}

}
