-- What each secret can authenticate to, resolved in memory from its value; only identifiers are kept.
alter table secret
    add column target_kind             text
  , add column target_cloud            text
  , add column target_resource_type    text
  , add column target_name             text
  , add column target_host             text
  , add column target_account_id       text
  , add column target_tenant_id        text
  , add column target_region           text
  , add column target_key_fingerprint  text
  , add column target_evidence         text
  , add column target_confidence       text
  , add column target_resolved_at      timestamptz;

create index secret_target_idx on secret (target_resource_type, target_name) where target_kind = 'cloud_resource';
