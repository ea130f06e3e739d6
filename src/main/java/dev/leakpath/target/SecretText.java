package dev.leakpath.target;

/**
 * A secret's value in memory, with the provider's type and, when known, the text around it. It is never
 * stored or logged: {@link #toString()} shows the type only.
 *
 * @param context lines around the secret in the file it was found in, or null
 */
public record SecretText(String secretType, String value, String context) {

	@Override
	public String toString() {
		return "SecretText[" + secretType + ", redacted]";
	}

}
