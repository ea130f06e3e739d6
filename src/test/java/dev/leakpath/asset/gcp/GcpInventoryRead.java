package dev.leakpath.asset.gcp;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/**
 * Reads the GCP inventory of a running application now, as its schedule would, for the tests of other packages
 * (the inventory is this package's own): the demo's, which put its schedule an hour off so that its read does
 * not race what they count.
 */
public final class GcpInventoryRead {

	private GcpInventoryRead() {
	}

	/** Blocks until the read is stored, with its identities' access evaluated. */
	public static void now(ApplicationContext application) {
		application.getBean(GcpInventory.class).refresh().block(Duration.ofSeconds(30));
	}

}
