-- graph_secret_target as before, with the SSH-key branch joinable from either side.
create or replace view graph_secret_target as
select s.id                                  as secret_id
     , 'asset:' || t.id                      as target_key
     , t.id                                  as asset_id
     , t.resource_type
     , t.name
     , t.cloud
     , t.account_id
     , t.region
     , true                                  as in_inventory
     , coalesce(t.internet_exposed, false)   as internet_exposed
     , coalesce(t.sensitive_data, false)     as sensitive_data
from secret s
join asset t on t.id = s.target_asset_id
where s.target_kind = 'cloud_resource'
union all
select s.id
     , 'unlisted:' || lower(s.target_resource_type) || ':' || lower(coalesce(s.target_name, s.target_host, ''))
     , null
     , s.target_resource_type
     , coalesce(s.target_name, s.target_host)
     , s.target_cloud
     , s.target_account_id
     , s.target_region
     , false
     , false
     , false
from secret s
where s.target_kind = 'cloud_resource' and s.target_asset_id is null and s.target_exists is distinct from 'false'
union all
select s.id, 'asset:' || t.id, t.id, t.resource_type, t.name, t.cloud, t.account_id, t.region, true,
       coalesce(t.internet_exposed, false), coalesce(t.sensitive_data, false)
from secret s
join asset t on t.account_id = s.target_account_id and t.resource_type = 'AWS::S3::Bucket'
where s.target_kind = 'cloud_identity' and s.target_resource_type = 'AWS::IAM::AccessKey'
union all
select s.id, 'asset:' || t.id, t.id, t.resource_type, t.name, t.cloud, t.account_id, t.region, true,
       coalesce(t.internet_exposed, false), coalesce(t.sensitive_data, false)
from secret s
-- both spellings of one condition, so that each side can use its index: @> the GIN index on the asset's keys
-- (from a secret: which machines take its key), = any the secret's key-fingerprint index (from a machine:
-- which secrets open it; @> alone made the explorer's resource-sourced queries scan every secret)
join asset t on t.ssh_key_fingerprints @> array[s.target_key_fingerprint]
            and s.target_key_fingerprint = any(t.ssh_key_fingerprints)
where s.target_kind = 'cloud_identity' and s.target_key_fingerprint is not null;
