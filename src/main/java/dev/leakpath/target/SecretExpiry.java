package dev.leakpath.target;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * When a credential stops working by itself, where its value says so: an Azure SAS's {@code se}, an S3
 * pre-signed URL's {@code X-Amz-Date} plus {@code X-Amz-Expires} (or, signature version 2, {@code Expires}), a
 * Cloud Storage signed URL's {@code X-Goog-Date} plus {@code X-Goog-Expires} (or {@code Expires}), a JWT's
 * {@code exp}. Nothing is verified: an expiry is a claim of the value, and a forged one could only make a live
 * secret look expired, which lowers its rank but hides nothing.
 */
public final class SecretExpiry {

	/** Query parameters, in a URL or in a bare SAS token ({@code sv=…&se=…&sig=…}), or after a connection string's {@code SharedAccessSignature=}. */
	private static final Pattern PARAMETER = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z-]{2,16})=([^&\\s\"'<>;`]*)");

	private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.(eyJ[A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]*");

	/** ISO 8601 basic form of the AWS and Google V4 signatures: {@code 20130524T000000Z}. */
	private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");

	/** Longest lifetime taken as given: S3 caps pre-signed URLs at 7 days; anything absurd is not an expiry. */
	private static final long MAX_SECONDS = 100L * 365 * 24 * 3600;

	private static final ObjectMapper JSON = new ObjectMapper();

	private SecretExpiry() {
	}

	/** The instant the value says it expires, or empty when it says nothing readable. */
	public static Optional<Instant> of(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			Optional<Instant> signed = signed(parameters(value));
			return signed.isPresent() ? signed : jwt(value);
		}
		catch (RuntimeException ex) {
			// the text is the secret: nothing of it may reach a log, so an unreadable expiry is no expiry
			return Optional.empty();
		}
	}

	private static Optional<Instant> signed(Map<String, String> query) {
		if (query.containsKey("x-amz-date") && query.containsKey("x-amz-expires")) {
			return basicPlus(query.get("x-amz-date"), query.get("x-amz-expires"));
		}
		if (query.containsKey("x-goog-date") && query.containsKey("x-goog-expires")) {
			return basicPlus(query.get("x-goog-date"), query.get("x-goog-expires"));
		}
		if (query.containsKey("expires") && (query.containsKey("awsaccesskeyid") || query.containsKey("googleaccessid"))) {
			return epochSeconds(query.get("expires"));
		}
		if (query.containsKey("se") && query.containsKey("sig")) {
			return sasTime(query.get("se"));
		}
		return Optional.empty();
	}

	private static Optional<Instant> jwt(String value) {
		Matcher token = JWT.matcher(value);
		while (token.find()) {
			try {
				JsonNode exp = JSON.readTree(Base64.getUrlDecoder().decode(token.group(1))).path("exp");
				if (exp.isNumber()) {
					return epochSeconds(exp.asText());
				}
			}
			catch (IOException | IllegalArgumentException ex) {
				// not a JWT after all: try the next one
			}
		}
		return Optional.empty();
	}

	private static Map<String, String> parameters(String value) {
		Map<String, String> parameters = new HashMap<>();
		Matcher pair = PARAMETER.matcher(value);
		while (pair.find()) {
			try {
				parameters.putIfAbsent(pair.group(1).toLowerCase(Locale.ROOT),
						// a literal + is kept: a SAS time zone (+02:00) is often written unescaped
						URLDecoder.decode(pair.group(2).replace("+", "%2B"), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				// a malformed escape: this parameter is of no use, the others may be
			}
		}
		return parameters;
	}

	private static Optional<Instant> basicPlus(String date, String seconds) {
		try {
			long lifetime = Long.parseLong(seconds);
			if (lifetime < 0 || lifetime > MAX_SECONDS) {
				return Optional.empty();
			}
			return Optional.of(OffsetDateTime.parse(date, BASIC).toInstant().plusSeconds(lifetime));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Instant> epochSeconds(String seconds) {
		try {
			long epoch = new BigDecimal(seconds).longValue();
			return epoch <= 0 || epoch > MAX_SECONDS * 2 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(epoch));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The SAS forms Azure accepts: {@code YYYY-MM-DD}, {@code YYYY-MM-DDThh:mmTZD}, {@code YYYY-MM-DDThh:mm:ssTZD}
	 * (TZD {@code Z} or {@code ±hh:mm}), and fractions of a second.
	 */
	private static Optional<Instant> sasTime(String value) {
		try {
			if (value.length() == 10) {
				return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
			}
			return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
