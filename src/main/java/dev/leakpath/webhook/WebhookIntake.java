package dev.leakpath.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.leakpath.ingest.PassRequests;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Takes a delivery in: the credentials that need no body, the body within its bounds, the credentials that
 * cover it, JSON, the provider's decision, the fields' storability, then a durable insert into the inbox
 * before anything is acknowledged. A delivery that cannot be stored now (database down, queue full) gets
 * 503 and Retry-After, so the sender can deliver it again; one that can never be stored gets 400.
 */
@Component
class WebhookIntake {

	private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

	private static final String RETRY_AFTER_SECONDS = "10";

	private final InboxWriter inbox;

	private final BoundedBodies bodies;

	private final WebhookWorker worker;

	private final WebhookProperties properties;

	private final ObjectMapper mapper;

	private final MeterRegistry meters;

	private final PassRequests passes;

	WebhookIntake(InboxWriter inbox, BoundedBodies bodies, WebhookWorker worker, WebhookProperties properties,
			ObjectMapper mapper, MeterRegistry meters, PassRequests passes) {
		this.bodies = bodies;
		this.passes = passes;
		this.inbox = inbox;
		this.worker = worker;
		this.properties = properties;
		this.mapper = mapper;
		this.meters = meters;
	}

	Mono<ResponseEntity<Object>> receive(WebhookSource source, ServerHttpRequest request) {
		// every answer before the body is read closes the connection, so a refused body is never read
		Optional<String> disabled = source.disabledReason();
		if (disabled.isPresent()) {
			return Mono.just(closing(problem(source, "disabled", HttpStatus.NOT_FOUND, disabled.get())));
		}
		Optional<String> rejected = source.rejectBeforeBody(request.getHeaders());
		if (rejected.isPresent()) {
			return Mono.just(closing(unauthorized(source, request, rejected.get())));
		}
		return bodies.read(request)
			.flatMap(body -> handle(source, request, body))
			.onErrorResume(BoundedBodies.TooLargeException.class, ex -> Mono.just(closing(tooLarge(source))))
			.onErrorResume(BoundedBodies.BusyException.class, ex -> Mono.just(closing(unavailable(source, "busy",
					"Too many deliveries are being read; deliver it again later"))));
	}

	private Mono<ResponseEntity<Object>> handle(WebhookSource source, ServerHttpRequest request, byte[] body) {
		HttpHeaders headers = request.getHeaders();
		Optional<String> rejected = source.rejectBody(headers, body);
		if (rejected.isPresent()) {
			return Mono.just(unauthorized(source, request, rejected.get()));
		}
		JsonNode payload;
		IntakeDecision decision;
		try {
			payload = readObject(body);
			decision = source.decide(headers, payload);
		}
		catch (MalformedDeliveryException ex) {
			log.warn("{} webhook: refused a malformed delivery: {}", source.provider(), ex.getMessage());
			return Mono.just(problem(source, "malformed", HttpStatus.BAD_REQUEST, ex.getMessage()));
		}
		if (decision instanceof IntakeDecision.Pong) {
			count(source, "ping");
			return Mono.just(ResponseEntity.ok(Map.of("status", "pong")));
		}
		if (decision instanceof IntakeDecision.Ignore ignore) {
			count(source, ignore.outcome());
			log.info("{} webhook: ignored a delivery: {}", source.provider(), ignore.reason());
			return Mono.just(ResponseEntity.accepted().body(Map.of("status", "ignored", "reason", ignore.reason())));
		}
		if (decision instanceof IntakeDecision.RequestPass pass) {
			return requestPass(source, pass);
		}
		InboundDelivery delivery = ((IntakeDecision.Store) decision).delivery();
		try {
			StorableDelivery.check(delivery);
		}
		catch (MalformedDeliveryException ex) {
			log.warn("{} webhook: refused delivery {}: {}", source.provider(), delivery.deliveryId(), ex.getMessage());
			return Mono.just(problem(source, "malformed", HttpStatus.BAD_REQUEST, ex.getMessage()));
		}
		return inbox.accept(delivery).timeout(properties.intakeTimeout()).map(stored -> {
			if (stored) {
				worker.wakeUp();
			}
			count(source, stored ? "accepted" : "duplicate");
			log.debug("{} webhook: delivery {} {} ({} {} #{})", source.provider(), delivery.deliveryId(),
					stored ? "stored" : "already stored", delivery.event(), delivery.repository(), delivery.alertId());
			return ResponseEntity.accepted()
				.<Object>body(Map.of("status", stored ? "accepted" : "duplicate", "delivery", delivery.deliveryId()));
		}).onErrorResume(InboxWriter.InboxFullException.class, ex -> {
			log.warn("{} webhook: the inbox queue is full, answering 503 to delivery {}", source.provider(),
					delivery.deliveryId());
			return Mono.just(unavailable(source, "busy", "Too many deliveries wait to be stored; deliver it again later"));
		}).onErrorResume(InboxWriter::refusedRow, ex -> {
			// the row alone was refused (the others of its batch are stored): delivering it again cannot help
			log.warn("{} webhook: the database refused delivery {}, answering 400", source.provider(),
					delivery.deliveryId());
			return Mono.just(problem(source, "unstorable", HttpStatus.BAD_REQUEST, "The delivery cannot be stored"));
		}).onErrorResume(ex -> {
			log.warn("{} webhook: could not store delivery {}, answering 503: {}", source.provider(),
					delivery.deliveryId(), ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
			return Mono.just(unavailable(source, "unavailable", "The delivery could not be stored; deliver it again later"));
		});
	}

	private Mono<ResponseEntity<Object>> requestPass(WebhookSource source, IntakeDecision.RequestPass request) {
		return passes.request(source.provider(), request.scope())
			.timeout(properties.intakeTimeout())
			.then(Mono.fromCallable(() -> {
				count(source, "pass_requested");
				log.info("{} webhook: {}; {} is due for a pass", source.provider(), request.reason(), request.scope());
				return ResponseEntity.accepted().<Object>body(Map.of("status", "pass_requested", "scope", request.scope()));
			}))
			.onErrorResume(ex -> {
				log.warn("{} webhook: could not record a pass request for {}, answering 503: {}", source.provider(),
						request.scope(), ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
				return Mono.just(unavailable(source, "unavailable", "The pass request could not be stored; deliver it again later"));
			});
	}

	private ResponseEntity<Object> unavailable(WebhookSource source, String outcome, String detail) {
		ResponseEntity<Object> unavailable = problem(source, outcome, HttpStatus.SERVICE_UNAVAILABLE, detail);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers(unavailable.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(unavailable.getBody());
	}

	private JsonNode readObject(byte[] body) throws MalformedDeliveryException {
		try {
			JsonNode payload = mapper.readTree(body);
			if (payload == null || !payload.isObject()) {
				throw new MalformedDeliveryException("the body is not a JSON object");
			}
			return payload;
		}
		catch (IOException ex) {
			// Jackson's message quotes the payload, which may hold a secret
			throw new MalformedDeliveryException("the body is not valid JSON");
		}
	}

	private ResponseEntity<Object> unauthorized(WebhookSource source, ServerHttpRequest request, String reason) {
		log.warn("{} webhook: refused a delivery from {}: {}", source.provider(),
				request.getRemoteAddress() == null ? "an unknown address" : request.getRemoteAddress().getAddress(), reason);
		return problem(source, "unauthorized", HttpStatus.UNAUTHORIZED, reason);
	}

	private ResponseEntity<Object> tooLarge(WebhookSource source) {
		return problem(source, "too_large", HttpStatus.PAYLOAD_TOO_LARGE,
				"The body is larger than " + properties.maxBodySize().toKilobytes() + " KB");
	}

	/** An answer given without reading the body: the connection is closed rather than drained. */
	private static ResponseEntity<Object> closing(ResponseEntity<Object> answer) {
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.CONNECTION, "close")
			.body(answer.getBody());
	}

	private ResponseEntity<Object> problem(WebhookSource source, String outcome, HttpStatus status, String detail) {
		count(source, outcome);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://leakpath.dev/problems/webhook-" + outcome.replace('_', '-')));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private void count(WebhookSource source, String outcome) {
		meters.counter("leakpath.webhook.deliveries", "provider", source.provider(), "outcome", outcome).increment();
	}

}
