package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.Cluster;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.Hosts;

/** A region's Redshift clusters ({@code DescribeClusters}, paged): endpoint, and {@code PubliclyAccessible}. */
final class RedshiftClusters {

	private RedshiftClusters() {
	}

	static List<AssetInput> read(RedshiftClient redshift, String accountId, String region) {
		List<AssetInput> assets = new ArrayList<>();
		for (Cluster cluster : redshift.describeClustersPaginator(request -> request.maxRecords(100)).clusters()) {
			List<String> hosts = cluster.endpoint() == null || cluster.endpoint().address() == null ? List.of()
					: List.of(Hosts.normalise(cluster.endpoint().address()));
			assets.add(new AssetInput("aws", "AWS::Redshift::Cluster",
					"arn:aws:redshift:" + region + ":" + accountId + ":cluster:" + cluster.clusterIdentifier(),
					cluster.clusterIdentifier(), hosts, region, accountId, Map.of(), cluster.publiclyAccessible(), null,
					null, List.of()));
		}
		return assets;
	}

}
