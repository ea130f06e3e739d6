package dev.leakpath.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a provider says about an alert beyond the neutral fields: today GitHub's assignee, who resolved it and
 * why, the push-protection bypass and its review, and how the secret was found. People are logins; nothing
 * here is the secret.
 *
 * @param secretProvider the service the secret belongs to, as GitHub names it ({@code provider})
 * @param base64Encoded whether the secret was found base64-encoded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDetails(String assignedTo, String resolvedBy, String resolutionComment,
		PushProtectionBypass pushProtectionBypass, Boolean base64Encoded, String secretProvider) {

	public static final AlertDetails NONE = new AlertDetails(null, null, null, null, null, null);

	/**
	 * A push that went through although push protection blocked the secret.
	 *
	 * @param requestReviewer who reviewed the bypass request, when bypasses need approval
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PushProtectionBypass(Boolean bypassed, String bypassedBy, Instant bypassedAt, String requestReviewer,
			String requestReviewerComment, String requestComment, String requestUrl) {
	}

}
