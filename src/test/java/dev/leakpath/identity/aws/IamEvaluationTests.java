package dev.leakpath.identity.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * IAM's evaluation as AWS documents it, on the IAM User Guide's own example policies (quoted where named):
 * "Policy evaluation logic", "Amazon S3: Allows read and write access to objects in an S3 bucket",
 * "AdministratorAccess", "Amazon S3: Allows IAM users access to their S3 home directory", and the S3 User
 * Guide's bucket policy examples.
 */
class IamEvaluationTests {

	private static final IamCaller ALICE = new IamCaller("arn:aws:iam::111122223333:user/alice", "111122223333", "alice");

	/** "Amazon S3: Allows read and write access to objects in an S3 Bucket" (IAM User Guide), for DOC-EXAMPLE-BUCKET. */
	private static final IamPolicyDocument READ_WRITE_ONE_BUCKET = IamPolicyDocument.parse("""
			{"Version": "2012-10-17",
			 "Statement": [
			   {"Sid": "ListObjectsInBucket", "Effect": "Allow", "Action": ["s3:ListBucket"],
			    "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET"]},
			   {"Sid": "AllObjectActions", "Effect": "Allow", "Action": "s3:*Object",
			    "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}]}""");

	/** The AWS managed policy AdministratorAccess. */
	private static final IamPolicyDocument ADMINISTRATOR = IamPolicyDocument.parse("""
			{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");

	@Test
	void aUserWhoMayReadOneBucketReachesThatBucketAlone() {
		S3BucketAccess own = S3BucketAccess.of(ALICE, List.of(READ_WRITE_ONE_BUCKET), List.of(), null, "DOC-EXAMPLE-BUCKET");
		S3BucketAccess other = S3BucketAccess.of(ALICE, List.of(READ_WRITE_ONE_BUCKET), List.of(), null, "payroll-exports");

		assertThat(own).isEqualTo(new S3BucketAccess(IamDecision.ALLOWED, IamDecision.ALLOWED));
		assertThat(other.reaches()).isFalse();
		assertThat(other).isEqualTo(new S3BucketAccess(IamDecision.NOT_ALLOWED, IamDecision.NOT_ALLOWED));
		assertThat(IamEvaluation.grantsEverything(List.of(READ_WRITE_ONE_BUCKET))).isFalse();
	}

	@Test
	void anAdministratorReachesEveryBucketButAnExplicitDenyWins() {
		IamPolicyDocument denyPayroll = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*",
				 "Resource": ["arn:aws:s3:::payroll-exports", "arn:aws:s3:::payroll-exports/*"]}}""");

		assertThat(IamEvaluation.grantsEverything(List.of(ADMINISTRATOR))).isTrue();
		assertThat(S3BucketAccess.of(ALICE, List.of(ADMINISTRATOR), List.of(), null, "anything").reaches()).isTrue();
		assertThat(S3BucketAccess.of(ALICE, List.of(ADMINISTRATOR, denyPayroll), List.of(), null, "payroll-exports"))
			.isEqualTo(new S3BucketAccess(IamDecision.DENIED, IamDecision.DENIED));
	}

	@Test
	void aDenyOfSomeObjectsLeavesTheOthersReadable() {
		IamPolicyDocument denySecrets = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject",
				 "Resource": "arn:aws:s3:::DOC-EXAMPLE-BUCKET/secrets/*"}]}""");

		assertThat(IamEvaluation.evaluate(ALICE, List.of(READ_WRITE_ONE_BUCKET, denySecrets), List.of(), null,
				"s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*")).isEqualTo(IamDecision.ALLOWED);
		assertThat(IamEvaluation.evaluate(ALICE, List.of(READ_WRITE_ONE_BUCKET, denySecrets), List.of(), null,
				"s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/secrets/key.pem")).isEqualTo(IamDecision.DENIED);
	}

	@Test
	void theHomeDirectoryPolicyGivesEachUserTheirOwnFolder() {
		// "Amazon S3: Allows IAM users access to their S3 home directory, programmatically and in the console"
		IamPolicyDocument home = IamPolicyDocument.parse("""
				{"Version": "2012-10-17",
				 "Statement": [{"Sid": "AllowS3ActionsInUserFolder", "Effect": "Allow", "Action": ["s3:*"],
				   "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET/home/${aws:username}/*"]}]}""");

		assertThat(IamEvaluation.evaluate(ALICE, List.of(home), List.of(), null, "s3:GetObject",
				"arn:aws:s3:::DOC-EXAMPLE-BUCKET/home/alice/notes.txt")).isEqualTo(IamDecision.ALLOWED);
		assertThat(IamEvaluation.evaluate(ALICE, List.of(home), List.of(), null, "s3:GetObject",
				"arn:aws:s3:::DOC-EXAMPLE-BUCKET/home/bob/notes.txt")).isEqualTo(IamDecision.NOT_ALLOWED);
		// some object of the bucket: her folder's
		assertThat(S3BucketAccess.of(ALICE, List.of(home), List.of(), null, "DOC-EXAMPLE-BUCKET").read())
			.isEqualTo(IamDecision.ALLOWED);
	}

	@Test
	void aConditionLeakpathDoesNotEvaluateMakesTheAnswerConditional() {
		// the IAM User Guide's "Allows ... only with MFA": a Deny of everything but IAM's MFA actions unless MFA is present
		IamPolicyDocument denyWithoutMfa = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAllExceptListedIfNoMFA", "Effect": "Deny",
				 "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser"],
				 "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}""");

		assertThat(IamEvaluation.evaluate(ALICE, List.of(ADMINISTRATOR, denyWithoutMfa), List.of(), null, "s3:GetObject",
				"arn:aws:s3:::any/*")).isEqualTo(IamDecision.ALLOWED_IF_CONDITIONS_HOLD);
		// the Deny's NotAction leaves these out: it cannot apply to them
		assertThat(IamEvaluation.evaluate(ALICE, List.of(ADMINISTRATOR, denyWithoutMfa), List.of(), null, "IAM:GetUser",
				ALICE.arn())).isEqualTo(IamDecision.ALLOWED);
	}

	@Test
	void aBucketPolicyNamingTheUserAllowsButOneNamingItsAccountOnlyDelegates() {
		IamPolicyDocument toAlice = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
				 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject",
				 "Resource": "arn:aws:s3:::shared-reports/*"}]}""");
		IamPolicyDocument toAccount = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
				 "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]}, "Action": "s3:GetObject",
				 "Resource": "arn:aws:s3:::shared-reports/*"}]}""");

		assertThat(S3BucketAccess.of(ALICE, List.of(), List.of(toAlice), null, "shared-reports").read())
			.isEqualTo(IamDecision.ALLOWED);
		assertThat(S3BucketAccess.of(ALICE, List.of(), List.of(toAccount), null, "shared-reports").read())
			.isEqualTo(IamDecision.NOT_ALLOWED);
	}

	@Test
	void acrossAccountsBothTheIdentityAndTheBucketMustAllow() {
		IamPolicyDocument anyBucket = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::*"}]}""");
		IamPolicyDocument toAlice = IamPolicyDocument.parse("""
				{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
				 "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject",
				 "Resource": "arn:aws:s3:::partner-drop/*"}]}""");

		assertThat(S3BucketAccess.of(ALICE, List.of(anyBucket), List.of(), "444455556666", "partner-drop").read())
			.isEqualTo(IamDecision.NOT_ALLOWED);
		assertThat(S3BucketAccess.of(ALICE, List.of(anyBucket), List.of(toAlice), "444455556666", "partner-drop").read())
			.isEqualTo(IamDecision.ALLOWED);
	}

	@Test
	void wildcardsAreIamsAndActionsIgnoreCase() {
		assertThat(IamPatterns.actionMatches("s3:Get*", "S3:GETOBJECT")).isTrue();
		assertThat(IamPatterns.resourceMatches("arn:aws:s3:::logs-202?", "arn:aws:s3:::logs-2026")).isTrue();
		assertThat(IamPatterns.resourceMatches("arn:aws:s3:::logs-202?", "arn:aws:s3:::logs-20266")).isFalse();
		assertThat(IamPatterns.resourceMatches("arn:aws:s3:::Logs", "arn:aws:s3:::logs")).isFalse();
		assertThat(IamPatterns.resourceMatches("arn:aws:iam::*:user/*", ALICE.arn())).isTrue();
	}

	@Test
	void aDocumentThatIsNotAPolicyIsRefusedWithoutRepeatingIt() {
		assertThatThrownBy(() -> IamPolicyDocument.parse("{\"AKIA\": \"wJalrXUtnFEMI\"}"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("wJalr");
		assertThatThrownBy(() -> IamPolicyDocument.parse("{\"Statement\": [{\"Effect\": \"Maybe\"}]}"))
			.hasMessageContaining("Effect");
	}

}
