package dev.leakpath.target;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a secret can authenticate to. */
public enum TargetKind {

	/** One cloud resource instance: a storage account, a SQL server, a bucket. */
	CLOUD_RESOURCE,

	/** A principal in a cloud tenant or account: an AWS access key, an Entra token, an SSH key. */
	CLOUD_IDENTITY,

	/** An identity at a SaaS with no cloud asset: a GitHub or npm token. */
	SAAS_IDENTITY,

	/** Nothing could be told from the value. */
	UNRESOLVED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TargetKind fromWireName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
