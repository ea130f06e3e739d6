package dev.leakpath.asset.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.Tag;

import dev.leakpath.asset.AssetInput;
import dev.leakpath.target.Hosts;
import dev.leakpath.target.SshFingerprints;

/**
 * A region's EC2 instances ({@code DescribeInstances}, paged): public IP and DNS name as hosts (internet-exposed
 * when it has a public IP), and the fingerprint of its key pair's public key ({@code DescribeKeyPairs} with
 * {@code IncludePublicKey}), so that a leaked private key reaches the instances launched with it. The key pair's
 * name is kept in the tag {@code leakpath:keyName}.
 */
final class Ec2Instances {

	static final String KEY_NAME_TAG = "leakpath:keyName";

	private Ec2Instances() {
	}

	static List<AssetInput> read(Ec2Client ec2, String accountId, String region) {
		Map<String, String> fingerprintByKeyName = new HashMap<>();
		for (KeyPairInfo key : ec2.describeKeyPairs(request -> request.includePublicKey(true)).keyPairs()) {
			Optional.ofNullable(key.publicKey())
				.flatMap(SshFingerprints::ofAuthorizedKey)
				.ifPresent(fingerprint -> fingerprintByKeyName.put(key.keyName(), fingerprint));
		}
		List<AssetInput> assets = new ArrayList<>();
		for (Instance instance : ec2.describeInstancesPaginator(request -> request.maxResults(1000)).reservations()
			.stream()
			.flatMap(reservation -> reservation.instances().stream())
			.toList()) {
			if (instance.state() != null && "terminated".equals(instance.state().nameAsString())) {
				continue;
			}
			List<String> hosts = new ArrayList<>();
			if (instance.publicIpAddress() != null) {
				hosts.add(instance.publicIpAddress());
			}
			if (instance.publicDnsName() != null && !instance.publicDnsName().isBlank()) {
				hosts.add(Hosts.normalise(instance.publicDnsName()));
			}
			Map<String, String> tags = new LinkedHashMap<>();
			for (Tag tag : instance.tags()) {
				tags.put(tag.key(), tag.value());
			}
			String name = tags.getOrDefault("Name", instance.instanceId());
			List<String> keys = new ArrayList<>();
			if (instance.keyName() != null) {
				tags.put(KEY_NAME_TAG, instance.keyName());
				Optional.ofNullable(fingerprintByKeyName.get(instance.keyName())).ifPresent(keys::add);
			}
			assets.add(new AssetInput("aws", "AWS::EC2::Instance",
					"arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instance.instanceId(), name, hosts, region,
					accountId, tags, instance.publicIpAddress() != null, null, null, keys));
		}
		return assets;
	}

}
