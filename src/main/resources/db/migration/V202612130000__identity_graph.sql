-- The identity family of the graph: cloud identities (an AWS IAM user, an Entra service principal, a GCP service
-- account), the credentials that authenticate as them, and what each may access. One contract for every cloud:
--
--   identity             one row per identity, upserted by (cloud, provider_id); a writer replaces its source's
--                        rows whole (delete where source = ..., then insert), so a deleted identity goes with its
--                        credentials and access (on delete cascade).
--   identity_credential  the credentials of an identity, by fingerprint: 'sha256:' || lower-case hex SHA-256 of
--                        the credential's public id in UTF-8 (AWS access key id; Entra application (client) id;
--                        GCP service-account key id). A secret authenticates as the identity when its target is a
--                        cloud_identity of the same cloud whose target_key_fingerprint is that fingerprint: the
--                        target resolvers compute it, so the credential id is stored nowhere for a secret.
--   identity_access      identity canAccess asset: one row per (identity, asset) with the strongest access level
--                        (read < write < admin), whether it is assumed (the identity's permissions could not be
--                        read, so the whole scope it lives in is assumed reachable) and the reason (the policy
--                        and statement, or the role assignment, that grants it).
--
-- secret_identity (a view) is the edge secret authenticatesAs identity; graph_secret_target then reaches every
-- asset an identity may access, and keeps the old account-wide reach, marked assumed, for an AWS key whose user
-- leakpath does not know.
create table identity (
    id            bigserial   primary key
  , cloud         text        not null
  , kind          text        not null
  , provider_id   text        not null
  , scope_id      text        not null
  , name          text        not null
  , privileged    boolean     not null
  , policy_known  boolean     not null
  , source        text        not null
  , updated_at    timestamptz not null default now()
  , constraint identity_cloud_check check (cloud in ('aws', 'azure', 'gcp'))
  , constraint identity_kind_check
        check (kind in ('aws_iam_user', 'entra_service_principal', 'gcp_service_account'))
  , constraint identity_provider_key unique (cloud, provider_id)
);

comment on column identity.provider_id is 'AWS user ARN; Entra service principal object id; GCP service account email';
comment on column identity.scope_id is 'AWS account id; Entra tenant id; GCP project id';
comment on column identity.privileged is 'administrator: AdministratorAccess or Allow * on *; Owner or Contributor; roles/owner or roles/editor';
comment on column identity.policy_known is 'false when its permissions could not be read: its identity_access rows are then assumed';
comment on column identity.source is 'the writer''s scope, replaced whole on each read, e.g. aws:123456789012:iam';

create index identity_source_idx on identity (source);
create index identity_scope_idx on identity (cloud, scope_id);
create index identity_privileged_idx on identity (privileged) where privileged;

create table identity_credential (
    cloud                  text   not null
  , credential_fingerprint text   not null
  , identity_id            bigint not null references identity (id) on delete cascade
  , status                 text
  , primary key (cloud, credential_fingerprint)
);

create index identity_credential_identity_idx on identity_credential (identity_id);

create table identity_access (
    identity_id   bigint  not null references identity (id) on delete cascade
  , asset_id      bigint  not null references asset (id) on delete cascade
  , access_level  text    not null
  , assumed       boolean not null
  , reason        text    not null
  , primary key (identity_id, asset_id)
  , constraint identity_access_level_check check (access_level in ('read', 'write', 'admin'))
);

create index identity_access_asset_idx on identity_access (asset_id);

-- Bucket policies as S3 GetBucketPolicy returns them, for the IAM evaluation: policy is null when the bucket
-- has none; readable is false when it could not be read (then every user's reach to the bucket is assumed).
create table aws_bucket_policy (
    bucket_arn  text    primary key
  , account_id  text    not null
  , policy      jsonb
  , readable    boolean not null
);

create index aws_bucket_policy_account_idx on aws_bucket_policy (account_id);

-- Edge "secret authenticatesAs identity".
create view secret_identity as
select s.id as secret_id, c.identity_id, c.status as credential_status
from secret s
join identity_credential c on c.cloud = s.target_cloud and c.credential_fingerprint = s.target_key_fingerprint
where s.target_kind = 'cloud_identity';

-- Edge "identity canAccess resource".
create view identity_resource as
select a.identity_id, 'asset:' || t.id as target_key, t.id as asset_id, a.access_level, a.assumed, a.reason
from identity_access a
join asset t on t.id = a.asset_id;

create index secret_cloud_fingerprint_idx on secret (target_cloud, target_key_fingerprint)
    where target_kind = 'cloud_identity';

-- graph_secret_target as before, with the AWS access key's account-wide branch replaced: a key reaches what its
-- identity may access; a key whose user is not known still reaches every bucket of its account, assumed. The
-- columns added at the end name the identity a target is reached through, its access level, and whether the
-- reach is assumed.
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
     , cast(null as bigint)                  as identity_id
     , cast(null as text)                    as access_level
     , false                                 as assumed
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
     , null
     , null
     , false
from secret s
where s.target_kind = 'cloud_resource' and s.target_asset_id is null and s.target_exists is distinct from 'false'
union all
select s.id, 'asset:' || t.id, t.id, t.resource_type, t.name, t.cloud, t.account_id, t.region, true,
       coalesce(t.internet_exposed, false), coalesce(t.sensitive_data, false), a.identity_id, a.access_level,
       a.assumed
from secret s
join identity_credential c on c.cloud = s.target_cloud and c.credential_fingerprint = s.target_key_fingerprint
join identity_access a on a.identity_id = c.identity_id
join asset t on t.id = a.asset_id
where s.target_kind = 'cloud_identity'
union all
select s.id, 'asset:' || t.id, t.id, t.resource_type, t.name, t.cloud, t.account_id, t.region, true,
       coalesce(t.internet_exposed, false), coalesce(t.sensitive_data, false), null, null, true
from secret s
join asset t on t.account_id = s.target_account_id and t.resource_type = 'AWS::S3::Bucket'
where s.target_kind = 'cloud_identity' and s.target_resource_type = 'AWS::IAM::AccessKey'
  and not exists (select 1 from identity_credential c
                  where c.cloud = s.target_cloud and c.credential_fingerprint = s.target_key_fingerprint)
union all
select s.id, 'asset:' || t.id, t.id, t.resource_type, t.name, t.cloud, t.account_id, t.region, true,
       coalesce(t.internet_exposed, false), coalesce(t.sensitive_data, false), null, null, false
from secret s
-- both spellings of one condition, so that each side can use its index (V202612021410)
join asset t on t.ssh_key_fingerprints @> array[s.target_key_fingerprint]
            and s.target_key_fingerprint = any(t.ssh_key_fingerprints)
where s.target_kind = 'cloud_identity' and s.target_key_fingerprint is not null;

-- An access key id is the secret of GitHub's aws_access_key_id alerts: like every secret value, it is not kept.
-- A key is known by the fingerprint of its id (the contract's, above), which is what a secret's target holds.
alter table aws_access_key add column key_fingerprint text;
update aws_access_key set key_fingerprint = 'sha256:' || encode(sha256(convert_to(access_key_id, 'UTF8')), 'hex');
alter table aws_access_key drop constraint aws_access_key_pkey;
alter table aws_access_key drop column access_key_id;
alter table aws_access_key alter column key_fingerprint set not null;
alter table aws_access_key add primary key (key_fingerprint);
