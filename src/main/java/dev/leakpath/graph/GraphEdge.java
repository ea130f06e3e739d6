package dev.leakpath.graph;

/**
 * A directed edge of the security graph: repository {@code contains} secret, secret {@code canAuthenticateTo}
 * resource, secret {@code authenticatesAs} identity, identity {@code canAccess} resource, and a public repository or an exposed resource {@code exposedToInternet}.
 */
public record GraphEdge(String source, String target, String kind) {

	public static final String CONTAINS = "contains";

	public static final String CAN_AUTHENTICATE_TO = "canAuthenticateTo";

	public static final String AUTHENTICATES_AS = "authenticatesAs";

	public static final String CAN_ACCESS = "canAccess";

	public static final String EXPOSED_TO_INTERNET = "exposedToInternet";

}
