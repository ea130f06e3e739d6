-- The security graph is defined over the tables ingestion and the inventory already keep, so it is never
-- stale: a repository node is a repository row, a secret node a secret row, a resource node an asset or,
-- when the inventory does not list the target, a placeholder named after it.

-- SSH public keys a machine accepts, as OpenSSH SHA256 fingerprints: how a leaked private key reaches a VM.
alter table asset add column ssh_key_fingerprints text[] not null default '{}';

create index asset_ssh_key_idx on asset using gin (ssh_key_fingerprints) with (fastupdate = off);
create index asset_account_type_idx on asset (account_id, resource_type) where account_id is not null;

-- Resource node keys ('asset:<id>', 'unlisted:<type>:<name>') are looked up from the explorer: these indexes
-- let each branch of graph_secret_target find the secrets of one node without a scan.
create index asset_node_key_idx on asset (('asset:' || id));
create index secret_unlisted_target_idx on secret
    (('unlisted:' || lower(target_resource_type) || ':' || lower(coalesce(target_name, target_host, ''))))
    where target_kind = 'cloud_resource' and target_asset_id is null;
create index secret_identity_account_idx on secret (target_account_id) where target_kind = 'cloud_identity';
create index secret_key_fingerprint_idx on secret (target_key_fingerprint) where target_kind = 'cloud_identity';

-- Edge "repository contains secret": one row per open alert of the secret in the repository.
create view graph_contains as
select a.repository_id, a.secret_id, a.id as alert_id, a.validity, a.publicly_leaked
from alert a
where a.state in ('open', 'active') and a.secret_id is not null;

-- The secret families of Defender's explorer, told from GitHub secret types and Azure DevOps rule names.
create function secret_category(secret_type text) returns text language sql immutable as $$
    select case
        when secret_type ~* 'connection_?string|connstr|odbc|jdbc' then 'connection_string'
        when secret_type ~* 'sas_?token|sastoken|sas_?secret|shared_?access_?signature|presigned|signed_?url'
            then 'sas_token'
        when secret_type ~* 'private_?key|ssh|putty|pem' then 'private_key'
        when secret_type ~* 'key' then 'key'
        when secret_type ~* 'token|personal_?access|pat$' then 'token'
        when secret_type ~* 'password|pwd|credential' then 'password'
        else 'other' end
$$;

-- The resource families of Defender's explorer.
create function resource_category(resource_type text) returns text language sql immutable as $$
    select case
        when lower(resource_type) in ('microsoft.storage/storageaccounts', 'aws::s3::bucket',
                                      'storage.googleapis.com/bucket') then 'object_storage'
        when lower(resource_type) in ('microsoft.sql/servers', 'microsoft.sql/managedinstances',
                                      'microsoft.synapse/workspaces', 'microsoft.dbforpostgresql/flexibleservers',
                                      'microsoft.dbforpostgresql/servers', 'microsoft.dbforpostgresql/servergroupsv2',
                                      'microsoft.dbformysql/flexibleservers', 'microsoft.dbformysql/servers',
                                      'microsoft.dbformariadb/servers', 'microsoft.documentdb/databaseaccounts',
                                      'microsoft.documentdb/mongoclusters', 'microsoft.cache/redis',
                                      'microsoft.cache/redisenterprise', 'aws::rds::dbinstance', 'aws::rds::dbcluster',
                                      'aws::rds::dbproxy', 'aws::redshift::cluster',
                                      'aws::redshiftserverless::workgroup') then 'managed_database'
        when lower(resource_type) in ('microsoft.compute/virtualmachines', 'aws::ec2::instance') then 'virtual_machine'
        else 'other' end
$$;

-- Edge "secret canAuthenticateTo resource". The resource is the matched asset, a placeholder for a target the
-- inventory does not list (unless the inventory knows the target's cloud and the target is not there), every
-- S3 bucket of an AWS access key's account, or every machine that accepts an SSH key.
create view graph_secret_target as
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
join asset t on t.ssh_key_fingerprints @> array[s.target_key_fingerprint]
where s.target_kind = 'cloud_identity' and s.target_key_fingerprint is not null;

-- Resource nodes: every asset, and a placeholder for each target the inventory does not list.
create view graph_resource as
select 'asset:' || t.id as target_key, t.id as asset_id, t.resource_type, t.name, t.cloud, t.account_id, t.region,
       true as in_inventory, coalesce(t.internet_exposed, false) as internet_exposed,
       coalesce(t.sensitive_data, false) as sensitive_data
from asset t
union all
select distinct on (target_key) target_key, asset_id, resource_type, name, cloud, account_id, region, in_inventory,
       internet_exposed, sensitive_data
from graph_secret_target
where not in_inventory;

-- Attack paths with their history: a path is open while its rule matches, resolved the moment it stops
-- matching, and a path that matches again later is a new row, so each exposure keeps its own times.
create table attack_path (
    id                 bigserial   primary key
  , rule_id            text        not null
  , provider           text        not null
  , repository_id      bigint      not null references repository (id) on delete cascade
  , secret_id          bigint      not null references secret (id) on delete cascade
  , target_key         text        not null
  , asset_id           bigint
  , target_type        text
  , target_name        text
  , alert_ids          bigint[]    not null
  , public_entry       boolean     not null
  , active_secret      boolean     not null
  , target_exists      boolean     not null
  , target_exposed     boolean     not null
  , target_sensitive   boolean     not null
  , risk_score         integer     not null
  , risk_level         text        not null
  , status             text        not null default 'open'
  , first_seen_at      timestamptz not null default now()
  , updated_at         timestamptz not null default now()
  , resolved_at        timestamptz
  , resolution         text
  , constraint attack_path_status_check check (status in ('open', 'resolved'))
);

create unique index attack_path_open_key on attack_path (rule_id, repository_id, secret_id, target_key)
    where status = 'open';
create index attack_path_listing_idx on attack_path (status, id desc);
create index attack_path_risk_idx on attack_path (status, risk_level, id desc);
create index attack_path_secret_idx on attack_path (secret_id, status);
create index attack_path_repository_idx on attack_path (repository_id, status);

-- Explorer queries kept by name.
create table explorer_saved_query (
    id           bigserial   primary key
  , name         text        not null unique
  , description  text
  , query        jsonb       not null
  , created_at   timestamptz not null default now()
);
