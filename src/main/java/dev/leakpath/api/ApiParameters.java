package dev.leakpath.api;

/** References to the parameters many listings share, defined once in the OpenAPI document's components. */
final class ApiParameters {

	static final String LIMIT = "#/components/parameters/limit";

	static final String CURSOR = "#/components/parameters/cursor";

	static final String PROVIDER = "#/components/parameters/provider";

	static final String ORGANIZATION = "#/components/parameters/organization";

	private ApiParameters() {
	}

}
