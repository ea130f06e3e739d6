package dev.leakpath.asset.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;

/**
 * AWS as WireMock plays it on one endpoint (the SDK's endpoint override): S3 REST-XML path-style ({@code GET /},
 * {@code GET /<bucket>?publicAccessBlock}) and the query-protocol services, told apart by their form's
 * {@code Action}. Bodies follow the examples of each API reference (docs.aws.amazon.com/AmazonS3/latest/API,
 * IAM/latest/APIReference, AWSEC2/latest/APIReference, AmazonRDS/latest/APIReference,
 * redshift/latest/APIReference), with their namespaces, list member names and pagination markers.
 */
final class FakeAws {

	static final String ACCOUNT = "123456789012";

	/** An ed25519 key pair's public half, as DescribeKeyPairs returns it with IncludePublicKey. */
	static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDKyuN12yYzyfGQYGOZEQHP0Iu19TSjJV1/IklwAgD+p";

	/** {@code ssh-keygen -lf} of {@link #PUBLIC_KEY}. */
	static final String FINGERPRINT = "SHA256:CW6shAE+n2mVrt7RwDmE/qxs5ZQW8BBLTlvh1PDV04o";

	private final WireMockServer server;

	FakeAws(WireMockServer server) {
		this.server = server;
	}

	static ResponseDefinitionBuilder xml(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
			.withHeader("x-amz-request-id", "4442587FB7D0A2F9").withBody(body);
	}

	/** A query-protocol call ({@code POST /}, form body) with this {@code Action}. */
	static MappingBuilder action(String action) {
		return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
	}

	/** S3 ListBuckets, the first page ({@code GET /} without a continuation token). */
	static MappingBuilder listBuckets() {
		return get(urlPathEqualTo("/")).withQueryParam("continuation-token", absent());
	}

	/** S3 ListBuckets in two pages: the first ends with a {@code ContinuationToken}, the second asks with it. */
	void buckets() {
		// ListBuckets example (AmazonS3/latest/API/API_ListBuckets.html), with BucketRegion and ContinuationToken
		server.stubFor(listBuckets().atPriority(5).willReturn(xml(200, """
				<?xml version="1.0" encoding="UTF-8"?>
				<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
				  <Buckets>
				    <Bucket>
				      <CreationDate>2019-12-11T23:32:47+00:00</CreationDate>
				      <Name>acme-public-assets</Name>
				      <BucketRegion>us-east-1</BucketRegion>
				    </Bucket>
				    <Bucket>
				      <CreationDate>2019-11-10T23:32:13+00:00</CreationDate>
				      <Name>acme-invoices</Name>
				      <BucketRegion>eu-west-1</BucketRegion>
				    </Bucket>
				  </Buckets>
				  <Owner>
				    <DisplayName>acme-ops</DisplayName>
				    <ID>79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be</ID>
				  </Owner>
				  <ContinuationToken>eyJDb250aW51YXRpb25Ub2tlbiI6ICJhY21lLWludm9pY2VzIn0=</ContinuationToken>
				</ListAllMyBucketsResult>
				""")));
		server.stubFor(get(urlPathEqualTo("/")).atPriority(5)
			.withQueryParam("continuation-token", equalTo("eyJDb250aW51YXRpb25Ub2tlbiI6ICJhY21lLWludm9pY2VzIn0="))
			.willReturn(xml(200, """
					<?xml version="1.0" encoding="UTF-8"?>
					<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
					  <Buckets>
					    <Bucket>
					      <CreationDate>2020-01-02T10:00:00+00:00</CreationDate>
					      <Name>acme-logs</Name>
					      <BucketRegion>us-east-1</BucketRegion>
					    </Bucket>
					  </Buckets>
					  <Owner>
					    <DisplayName>acme-ops</DisplayName>
					    <ID>79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be</ID>
					  </Owner>
					</ListAllMyBucketsResult>
					""")));
		// public policy, no block at all: exposed
		policyStatus("acme-public-assets", "TRUE");
		noPublicAccessBlock("acme-public-assets");
		// public policy, but the block restricts public buckets: not exposed
		policyStatus("acme-invoices", "TRUE");
		server.stubFor(get(urlPathEqualTo("/acme-invoices")).withQueryParam("publicAccessBlock", bare())
			.atPriority(5).willReturn(xml(200, """
					<?xml version="1.0" encoding="UTF-8"?>
					<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
					  <BlockPublicAcls>TRUE</BlockPublicAcls>
					  <IgnorePublicAcls>TRUE</IgnorePublicAcls>
					  <BlockPublicPolicy>FALSE</BlockPublicPolicy>
					  <RestrictPublicBuckets>TRUE</RestrictPublicBuckets>
					</PublicAccessBlockConfiguration>
					""")));
		// no bucket policy (NoSuchBucketPolicy), no block: not exposed
		server.stubFor(get(urlPathEqualTo("/acme-logs")).withQueryParam("policyStatus", bare()).atPriority(5)
			.willReturn(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist")));
		noPublicAccessBlock("acme-logs");
		// no bucket has a policy for the IAM evaluation until a test gives it one (bucketPolicy)
		for (String bucket : new String[] { "acme-public-assets", "acme-invoices", "acme-logs" }) {
			server.stubFor(get(urlPathEqualTo("/" + bucket)).withQueryParam("policy", bare()).atPriority(5)
				.willReturn(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist")));
		}
	}

	/** GetBucketPolicy answers the policy's JSON as the body (AmazonS3/latest/API/API_GetBucketPolicy.html). */
	void bucketPolicy(String bucket, String policy) {
		server.stubFor(get(urlPathEqualTo("/" + bucket)).withQueryParam("policy", bare()).atPriority(1)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withHeader("x-amz-request-id", "4442587FB7D0A2F9").withBody(policy)));
	}

	private void policyStatus(String bucket, String isPublic) {
		// GetBucketPolicyStatus example (AmazonS3/latest/API/API_GetBucketPolicyStatus.html)
		server.stubFor(get(urlPathEqualTo("/" + bucket)).withQueryParam("policyStatus", bare()).atPriority(5)
			.willReturn(xml(200, """
					<?xml version="1.0" encoding="UTF-8"?>
					<PolicyStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
					   <IsPublic>%s</IsPublic>
					</PolicyStatus>
					""".formatted(isPublic))));
	}

	private void noPublicAccessBlock(String bucket) {
		server.stubFor(get(urlPathEqualTo("/" + bucket)).withQueryParam("publicAccessBlock", bare())
			.atPriority(5).willReturn(s3Error(404, "NoSuchPublicAccessBlockConfiguration",
					"The public access block configuration was not found")));
	}

	/** A query parameter sent bare ({@code ?policyStatus}): WireMock sees it with an empty value. */
	private static StringValuePattern bare() {
		return equalTo("");
	}

	/** S3's REST error document (AmazonS3/latest/API/ErrorResponses.html). */
	static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
		return xml(status, """
				<?xml version="1.0" encoding="UTF-8"?>
				<Error>
				  <Code>%s</Code>
				  <Message>%s</Message>
				  <RequestId>4442587FB7D0A2F9</RequestId>
				  <HostId>nA1hK5oFvRsSN1eKsKeKqDEwOmoLsCn+wrdVvk5+bgs=</HostId>
				</Error>
				""".formatted(code, message));
	}

	/** A query-protocol service's error document (IAM, RDS, Redshift, STS). */
	static ResponseDefinitionBuilder queryError(int status, String namespace, String code, String message) {
		return xml(status, """
				<ErrorResponse xmlns="%s">
				  <Error>
				    <Type>Sender</Type>
				    <Code>%s</Code>
				    <Message>%s</Message>
				  </Error>
				  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
				</ErrorResponse>
				""".formatted(namespace, code, message));
	}

	/** EC2's error document, which differs from the other query services' (AWSEC2/latest/APIReference/errors-overview.html). */
	static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
		return xml(status, """
				<?xml version="1.0" encoding="UTF-8"?>
				<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>
				<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>
				""".formatted(code, message));
	}

	static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";

	/**
	 * GetAccountAuthorizationDetails in two pages ({@code IsTruncated}, {@code Marker}), shaped on the API
	 * reference's example: policy documents URL-encoded; Alice has an inline policy on one bucket, Bob is in a
	 * group with a customer managed policy. Then ListAccessKeys per user.
	 */
	void iam() {
		String inline = URLEncoder.encode("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",\
				"Resource":"arn:aws:s3:::acme-invoices/*"}]}""", StandardCharsets.UTF_8)
			.replace("+", "%20");
		String managed = URLEncoder.encode("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""",
				StandardCharsets.UTF_8).replace("+", "%20");
		server.stubFor(action("GetAccountAuthorizationDetails").withRequestBody(notContaining("Marker=")).atPriority(5)
			.willReturn(xml(200, """
					<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
					  <GetAccountAuthorizationDetailsResult>
					    <IsTruncated>true</IsTruncated>
					    <UserDetailList>
					      <member>
					        <GroupList/>
					        <AttachedManagedPolicies/>
					        <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
					        <Path>/</Path>
					        <UserName>Alice</UserName>
					        <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
					        <CreateDate>2013-10-14T18:32:24Z</CreateDate>
					        <UserPolicyList>
					          <member>
					            <PolicyName>read-invoices</PolicyName>
					            <PolicyDocument>%s</PolicyDocument>
					          </member>
					        </UserPolicyList>
					      </member>
					    </UserDetailList>
					    <Marker>EXAMPLEkakv9BCuUNFDtxWSyfzetYwEx2ADc8dnzfvERF5S6YMvXKx41t6gCl/eeaCX3Jo94/bKqezEAg8TEVS99EKFLxm3jtbpl25FDWEXAMPLE</Marker>
					    <GroupDetailList/>
					    <Policies/>
					  </GetAccountAuthorizationDetailsResult>
					  <ResponseMetadata>
					    <RequestId>92e79ae7-7399-11e4-8c85-4b53eEXAMPLE</RequestId>
					  </ResponseMetadata>
					</GetAccountAuthorizationDetailsResponse>
					""".formatted(inline))));
		server.stubFor(action("GetAccountAuthorizationDetails")
			.withRequestBody(containing("Marker=EXAMPLEkakv9BCuUNFDtxWSyfzetYwEx2ADc8dnzfvERF5S6YMvXKx41t6gCl%2FeeaCX3Jo94"))
			.atPriority(5)
			.willReturn(xml(200, """
					<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
					  <GetAccountAuthorizationDetailsResult>
					    <IsTruncated>false</IsTruncated>
					    <UserDetailList>
					      <member>
					        <GroupList>
					          <member>Ops</member>
					        </GroupList>
					        <AttachedManagedPolicies/>
					        <UserId>AIDACKCEVSQ6C3EXAMPLE</UserId>
					        <Path>/</Path>
					        <UserName>Bob</UserName>
					        <Arn>arn:aws:iam::123456789012:user/Bob</Arn>
					        <CreateDate>2013-10-14T18:33:56Z</CreateDate>
					      </member>
					    </UserDetailList>
					    <GroupDetailList>
					      <member>
					        <GroupId>AIDACKCEVSQ6C7EXAMPLE</GroupId>
					        <AttachedManagedPolicies>
					          <member>
					            <PolicyName>s3-everything</PolicyName>
					            <PolicyArn>arn:aws:iam::123456789012:policy/s3-everything</PolicyArn>
					          </member>
					        </AttachedManagedPolicies>
					        <GroupName>Ops</GroupName>
					        <Path>/</Path>
					        <Arn>arn:aws:iam::123456789012:group/Ops</Arn>
					        <CreateDate>2013-10-14T18:32:24Z</CreateDate>
					        <GroupPolicyList/>
					      </member>
					    </GroupDetailList>
					    <Policies>
					      <member>
					        <PolicyName>s3-everything</PolicyName>
					        <DefaultVersionId>v2</DefaultVersionId>
					        <PolicyId>ANPAJ2UCCR6DPCEXAMPLE</PolicyId>
					        <Path>/</Path>
					        <PolicyVersionList>
					          <member>
					            <Document>%s</Document>
					            <IsDefaultVersion>true</IsDefaultVersion>
					            <VersionId>v2</VersionId>
					            <CreateDate>2015-02-06T19:58:34Z</CreateDate>
					          </member>
					          <member>
					            <Document>%%7B%%22Version%%22%%3A%%222012-10-17%%22%%2C%%22Statement%%22%%3A%%5B%%5D%%7D</Document>
					            <IsDefaultVersion>false</IsDefaultVersion>
					            <VersionId>v1</VersionId>
					            <CreateDate>2015-02-05T19:58:34Z</CreateDate>
					          </member>
					        </PolicyVersionList>
					        <Arn>arn:aws:iam::123456789012:policy/s3-everything</Arn>
					        <AttachmentCount>1</AttachmentCount>
					        <CreateDate>2015-02-05T19:58:34Z</CreateDate>
					        <IsAttachable>true</IsAttachable>
					        <UpdateDate>2015-02-06T19:58:34Z</UpdateDate>
					      </member>
					    </Policies>
					  </GetAccountAuthorizationDetailsResult>
					  <ResponseMetadata>
					    <RequestId>92e79ae7-7399-11e4-8c85-4b53eEXAMPLE</RequestId>
					  </ResponseMetadata>
					</GetAccountAuthorizationDetailsResponse>
					""".formatted(managed))));
		accessKeys("Alice", "AKIAIOSFODNN7EXAMPLE", "Active");
		accessKeys("Bob", "AKIAI44QH8DHBEXAMPLE", "Inactive");
	}

	private void accessKeys(String user, String keyId, String status) {
		// ListAccessKeys example (IAM/latest/APIReference/API_ListAccessKeys.html)
		server.stubFor(action("ListAccessKeys").withRequestBody(containing("UserName=" + user)).atPriority(5)
			.willReturn(xml(200, """
					<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
					   <ListAccessKeysResult>
					      <UserName>%1$s</UserName>
					      <AccessKeyMetadata>
					         <member>
					            <UserName>%1$s</UserName>
					            <AccessKeyId>%2$s</AccessKeyId>
					            <Status>%3$s</Status>
					            <CreateDate>2015-03-09T18:39:23Z</CreateDate>
					         </member>
					      </AccessKeyMetadata>
					      <IsTruncated>false</IsTruncated>
					   </ListAccessKeysResult>
					   <ResponseMetadata>
					      <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
					   </ResponseMetadata>
					</ListAccessKeysResponse>
					""".formatted(user, keyId, status))));
	}

	/** EC2: one key pair, one running instance with a public IP launched with it, one private one; two pages. */
	void ec2() {
		// DescribeKeyPairs example (AWSEC2/latest/APIReference/API_DescribeKeyPairs.html), with IncludePublicKey
		server.stubFor(action("DescribeKeyPairs").atPriority(5).willReturn(xml(200, """
				<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
				    <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
				    <keySet>
				      <item>
				         <keyPairId>key-0123456789abcdef0</keyPairId>
				         <keyName>deploy-key</keyName>
				         <keyType>ed25519</keyType>
				         <keyFingerprint>CW6shAE+n2mVrt7RwDmE/qxs5ZQW8BBLTlvh1PDV04o=</keyFingerprint>
				         <publicKey>%s</publicKey>
				         <tagSet/>
				      </item>
				   </keySet>
				</DescribeKeyPairsResponse>
				""".formatted(PUBLIC_KEY))));
		// DescribeInstances example (AWSEC2/latest/APIReference/API_DescribeInstances.html), cut down, paged by nextToken
		server.stubFor(action("DescribeInstances").withRequestBody(notContaining("NextToken=")).atPriority(5)
			.willReturn(xml(200, """
					<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
					    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
					    <reservationSet>
					        <item>
					            <reservationId>r-1234567890abcdef0</reservationId>
					            <ownerId>123456789012</ownerId>
					            <groupSet/>
					            <instancesSet>
					                <item>
					                    <instanceId>i-1234567890abcdef0</instanceId>
					                    <imageId>ami-bff32ccc</imageId>
					                    <instanceState><code>16</code><name>running</name></instanceState>
					                    <privateDnsName>ip-192-168-1-88.ec2.internal</privateDnsName>
					                    <dnsName>ec2-54-194-252-215.compute-1.amazonaws.com</dnsName>
					                    <reason/>
					                    <keyName>deploy-key</keyName>
					                    <amiLaunchIndex>0</amiLaunchIndex>
					                    <instanceType>t2.micro</instanceType>
					                    <launchTime>2018-05-08T16:46:19.000Z</launchTime>
					                    <privateIpAddress>192.168.1.88</privateIpAddress>
					                    <ipAddress>54.194.252.215</ipAddress>
					                    <tagSet><item><key>Name</key><value>bastion</value></item></tagSet>
					                </item>
					            </instancesSet>
					        </item>
					    </reservationSet>
					    <nextToken>eyJ2IjoiMiIsImMiOiJleGFtcGxlIn0=</nextToken>
					</DescribeInstancesResponse>
					""")));
		server.stubFor(action("DescribeInstances").withRequestBody(containing("NextToken=eyJ2IjoiMiIsImMiOiJleGFtcGxlIn0%3D"))
			.atPriority(5).willReturn(xml(200, """
					<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
					    <requestId>8f7724cf-496f-496e-8fe3-example2</requestId>
					    <reservationSet>
					        <item>
					            <reservationId>r-0598c7d356eba48d7</reservationId>
					            <ownerId>123456789012</ownerId>
					            <instancesSet>
					                <item>
					                    <instanceId>i-0598c7d356eba48d7</instanceId>
					                    <instanceState><code>16</code><name>running</name></instanceState>
					                    <privateDnsName>ip-10-0-0-157.ec2.internal</privateDnsName>
					                    <dnsName/>
					                    <instanceType>t3.medium</instanceType>
					                    <privateIpAddress>10.0.0.157</privateIpAddress>
					                </item>
					            </instancesSet>
					        </item>
					    </reservationSet>
					</DescribeInstancesResponse>
					""")));
	}

	/** RDS: a public instance (two pages by Marker) and an Aurora cluster; Redshift: a private cluster. */
	void databases() {
		// DescribeDBInstances example (AmazonRDS/latest/APIReference/API_DescribeDBInstances.html)
		server.stubFor(action("DescribeDBInstances").withRequestBody(notContaining("Marker=")).atPriority(5)
			.willReturn(xml(200, """
					<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
					  <DescribeDBInstancesResult>
					    <DBInstances>
					      <DBInstance>
					        <DBInstanceIdentifier>orders-db</DBInstanceIdentifier>
					        <Engine>mysql</Engine>
					        <DBInstanceStatus>available</DBInstanceStatus>
					        <Endpoint>
					          <Address>orders-db.cakgzxxxxexa.us-east-1.rds.amazonaws.com</Address>
					          <Port>3306</Port>
					          <HostedZoneId>Z2R2ITUGPM61AM</HostedZoneId>
					        </Endpoint>
					        <PubliclyAccessible>true</PubliclyAccessible>
					        <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:orders-db</DBInstanceArn>
					      </DBInstance>
					    </DBInstances>
					    <Marker>b3JkZXJzLWRi</Marker>
					  </DescribeDBInstancesResult>
					  <ResponseMetadata><RequestId>01b2685a-b978-11d3-f272-7cd6cce12cc5</RequestId></ResponseMetadata>
					</DescribeDBInstancesResponse>
					""")));
		server.stubFor(action("DescribeDBInstances").withRequestBody(containing("Marker=b3JkZXJzLWRi")).atPriority(5)
			.willReturn(xml(200, """
					<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
					  <DescribeDBInstancesResult>
					    <DBInstances>
					      <DBInstance>
					        <DBInstanceIdentifier>reports-db</DBInstanceIdentifier>
					        <Engine>postgres</Engine>
					        <Endpoint>
					          <Address>reports-db.cakgzxxxxexa.us-east-1.rds.amazonaws.com</Address>
					          <Port>5432</Port>
					        </Endpoint>
					        <PubliclyAccessible>false</PubliclyAccessible>
					        <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:reports-db</DBInstanceArn>
					      </DBInstance>
					    </DBInstances>
					  </DescribeDBInstancesResult>
					  <ResponseMetadata><RequestId>01b2685a-b978-11d3-f272-7cd6cce12cc6</RequestId></ResponseMetadata>
					</DescribeDBInstancesResponse>
					""")));
		// DescribeDBClusters example (AmazonRDS/latest/APIReference/API_DescribeDBClusters.html)
		server.stubFor(action("DescribeDBClusters").atPriority(5).willReturn(xml(200, """
				<DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
				  <DescribeDBClustersResult>
				    <DBClusters>
				      <DBCluster>
				        <DBClusterIdentifier>sample-cluster</DBClusterIdentifier>
				        <Engine>aurora-mysql</Engine>
				        <Endpoint>sample-cluster.cluster-cnpexample.us-east-1.rds.amazonaws.com</Endpoint>
				        <ReaderEndpoint>sample-cluster.cluster-ro-cnpexample.us-east-1.rds.amazonaws.com</ReaderEndpoint>
				        <DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:sample-cluster</DBClusterArn>
				      </DBCluster>
				    </DBClusters>
				  </DescribeDBClustersResult>
				  <ResponseMetadata><RequestId>d9a2aa7b-ebc3-4d7d-8a2c-b2e6bEXAMPLE</RequestId></ResponseMetadata>
				</DescribeDBClustersResponse>
				""")));
		// DescribeClusters example (redshift/latest/APIReference/API_DescribeClusters.html)
		server.stubFor(action("DescribeClusters").atPriority(5).willReturn(xml(200, """
				<DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
				  <DescribeClustersResult>
				    <Clusters>
				      <Cluster>
				        <ClusterIdentifier>examplecluster</ClusterIdentifier>
				        <NodeType>ra3.xlplus</NodeType>
				        <ClusterStatus>available</ClusterStatus>
				        <Endpoint>
				          <Port>5439</Port>
				          <Address>examplecluster.cg034hpkmmjt.us-east-1.redshift.amazonaws.com</Address>
				        </Endpoint>
				        <PubliclyAccessible>false</PubliclyAccessible>
				        <MasterUsername>adminuser</MasterUsername>
				        <DBName>dev</DBName>
				      </Cluster>
				    </Clusters>
				  </DescribeClustersResult>
				  <ResponseMetadata><RequestId>837d45d6-64f0-11ea-8a13-example</RequestId></ResponseMetadata>
				</DescribeClustersResponse>
				""")));
	}

	/** The whole account. */
	void everything() {
		buckets();
		iam();
		ec2();
		databases();
	}

	int requests(String action) {
		return server.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&")))
			.size();
	}

	int listBucketsRequests() {
		return server.findAll(getRequestedFor(urlPathEqualTo("/"))).size();
	}

}
