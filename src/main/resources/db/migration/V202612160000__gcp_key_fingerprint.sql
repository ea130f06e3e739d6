-- A GCP service-account key's secret now carries the contract's fingerprint of its key id (V202612130000:
-- 'sha256:' || hex SHA-256 of the id), by which secret_identity finds the key's service account. The key id is
-- the target's name (private_key_id, not secret), so the secrets resolved before get it here.
update secret
set target_key_fingerprint = 'sha256:' || encode(sha256(convert_to(target_name, 'UTF8')), 'hex')
where target_kind = 'cloud_identity' and target_cloud = 'gcp'
  and target_resource_type = 'iam.googleapis.com/ServiceAccountKey'
  and target_name is not null and target_key_fingerprint is null;
