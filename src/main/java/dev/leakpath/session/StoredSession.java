package dev.leakpath.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.session.Session;

/**
 * A dashboard session as {@link PostgresSessions} reads and writes it. It remembers the id its row is stored
 * under and whether its attributes changed since it was read, so that a save writes only what moved.
 * Attributes count as changed when they are set or removed, not when a value read from them is changed in
 * place: Spring Security sets its security context and authorization request anew whenever they change.
 */
final class StoredSession implements Session {

	private final Clock clock;

	private final Instant creationTime;

	private final Map<String, Object> attributes;

	private String id;

	/** The id of its row, or null while it has none. */
	private String storedId;

	private Instant lastAccessedTime;

	private Instant storedLastAccessedTime;

	private Duration maxInactiveInterval;

	/** Whether the attributes or the inactive interval changed since the row was read or written. */
	private boolean changed;

	private StoredSession(Clock clock, String id, String storedId, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Map<String, Object> attributes) {
		this.clock = clock;
		this.id = id;
		this.storedId = storedId;
		this.creationTime = creationTime;
		this.lastAccessedTime = lastAccessedTime;
		this.storedLastAccessedTime = lastAccessedTime;
		this.maxInactiveInterval = maxInactiveInterval;
		this.attributes = attributes;
	}

	/** A session with no row yet. */
	static StoredSession created(Clock clock, Duration maxInactiveInterval) {
		Instant now = clock.instant();
		return new StoredSession(clock, newId(), null, now, now, maxInactiveInterval, new HashMap<>());
	}

	/** A session as its row holds it. */
	static StoredSession stored(Clock clock, String id, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Map<String, Object> attributes) {
		return new StoredSession(clock, id, id, creationTime, lastAccessedTime, maxInactiveInterval,
				new HashMap<>(attributes));
	}

	@Override
	public String getId() {
		return id;
	}

	/** Spring Security calls this on every sign-in and sign-out, so that a session id known before is worthless. */
	@Override
	public String changeSessionId() {
		id = newId();
		return id;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getAttribute(String attributeName) {
		return (T) attributes.get(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return Set.copyOf(attributes.keySet());
	}

	@Override
	public void setAttribute(String attributeName, Object attributeValue) {
		if (attributeValue == null) {
			removeAttribute(attributeName);
			return;
		}
		attributes.put(attributeName, attributeValue);
		changed = true;
	}

	@Override
	public void removeAttribute(String attributeName) {
		if (attributes.remove(attributeName) != null) {
			changed = true;
		}
	}

	@Override
	public Instant getCreationTime() {
		return creationTime;
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.lastAccessedTime = lastAccessedTime;
	}

	@Override
	public Instant getLastAccessedTime() {
		return lastAccessedTime;
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		if (!interval.equals(maxInactiveInterval)) {
			maxInactiveInterval = interval;
			changed = true;
		}
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return maxInactiveInterval;
	}

	@Override
	public boolean isExpired() {
		return !clock.instant().isBefore(expiresAt());
	}

	Instant expiresAt() {
		return lastAccessedTime.plus(maxInactiveInterval);
	}

	/** A copy, for serializing. */
	Map<String, Object> attributes() {
		return new HashMap<>(attributes);
	}

	boolean isNew() {
		return storedId == null;
	}

	/** The id its row is stored under. */
	String storedId() {
		return storedId;
	}

	/** Whether its row needs more than a new last-access time: new attributes, interval or id. */
	boolean isChanged() {
		return changed || !id.equals(storedId);
	}

	/** How far the last access moved since the row was read or written. */
	Duration unsavedAccess() {
		return Duration.between(storedLastAccessedTime, lastAccessedTime);
	}

	/** Its row now holds it as it is. */
	void saved() {
		storedId = id;
		storedLastAccessedTime = lastAccessedTime;
		changed = false;
	}

	/** Random (Java's UUIDs come from {@link java.security.SecureRandom}), as Spring Session makes them. */
	private static String newId() {
		return UUID.randomUUID().toString();
	}

}
