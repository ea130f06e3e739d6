package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.Hosts;

/**
 * A region's RDS DB instances and clusters ({@code DescribeDBInstances}, {@code DescribeDBClusters}, paged by
 * {@code Marker}): their endpoints as hosts, internet-exposed when {@code PubliclyAccessible}. A cluster says
 * nothing of it for Aurora (its instances do): unknown then.
 */
final class RdsDatabases {

	private RdsDatabases() {
	}

	static List<AssetInput> read(RdsClient rds, String accountId, String region) {
		List<AssetInput> assets = new ArrayList<>();
		for (DBInstance instance : rds.describeDBInstancesPaginator(request -> request.maxRecords(100)).dbInstances()) {
			List<String> hosts = instance.endpoint() == null || instance.endpoint().address() == null ? List.of()
					: List.of(Hosts.normalise(instance.endpoint().address()));
			assets.add(new AssetInput("aws", "AWS::RDS::DBInstance", instance.dbInstanceArn(),
					instance.dbInstanceIdentifier(), hosts, region, accountId, Map.of(), instance.publiclyAccessible(),
					null, null, List.of()));
		}
		for (DBCluster cluster : rds.describeDBClustersPaginator(request -> request.maxRecords(100)).dbClusters()) {
			List<String> hosts = new ArrayList<>();
			for (String endpoint : new String[] { cluster.endpoint(), cluster.readerEndpoint() }) {
				if (endpoint != null && !endpoint.isBlank()) {
					hosts.add(Hosts.normalise(endpoint));
				}
			}
			assets.add(new AssetInput("aws", "AWS::RDS::DBCluster", cluster.dbClusterArn(), cluster.dbClusterIdentifier(),
					hosts, region, accountId, Map.of(), cluster.publiclyAccessible(), null, null, List.of()));
		}
		return assets;
	}

}
