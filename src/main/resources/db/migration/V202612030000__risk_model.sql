-- One risk model for every finding (dev.leakpath.risk.RiskFactor): a score of 0–100 that is the sum of the
-- points of the factors listed with it, and one set of cut-offs. Attack paths are raised by rules over the
-- graph, one per provider and kind of resource reached (dev.leakpath.attackpath.AttackPathRules).

-- The factors each path's score is made of, by name ('public_repository', 'still_valid', …).
alter table attack_path add column risk_factors text[] not null default '{}';

-- The provider-neutral rules of the pairs model become the provider's rule of the same kind: the path keeps its
-- id, times and history.
update attack_path set rule_id = replace(provider, '_', '-') || '-' || rule_id
where rule_id like 'secret-to-%';
update attack_path set rule_id = replace(provider, '_', '-') || '-secret-to-virtual-machine'
where rule_id = 'ssh-key-to-vm';

-- Scores of the old tables (base 35–50 plus up to 80) restated in the new one from the facts each path kept.
-- The points are those of RiskFactor when this was written; open paths are re-scored with every factor by the
-- recompute requested below.
-- One pass over the table: the level is that of the score computed beside it.
update attack_path p
set risk_factors = array_remove(array['exposed_secret',
        case when public_entry then 'public_repository' end, case when active_secret then 'still_valid' end,
        case when target_exists then 'in_inventory' end, case when target_exposed then 'internet_exposed' end,
        case when target_sensitive then 'sensitive_data' end], null),
    risk_score = s.score,
    risk_level = case when s.score >= 75 then 'critical' when s.score >= 50 then 'high'
                      when s.score >= 25 then 'medium' else 'low' end
from (select id, 10 + case when public_entry then 15 else 0 end + case when active_secret then 15 else 0 end
                    + case when target_exists then 10 else 0 end + case when target_exposed then 15 else 0 end
                    + case when target_sensitive then 15 else 0 end as score
      from attack_path) s
where s.id = p.id;

insert into graph_recompute (requested, requested_at) values (1, now())
on conflict (id) do update set requested = graph_recompute.requested + 1, requested_at = now();

-- GitHub's own word that a secret is in more than one repository counts as much as leakpath's count.
create or replace view graph_contains as
select a.repository_id, a.secret_id, a.id as alert_id, a.validity, a.publicly_leaked, a.multi_repo
from alert a
where a.state = 'open' and a.secret_id is not null;

-- Ranked lists, keyset-paged by (score, id).
create index attack_path_rank_idx on attack_path (status, risk_score desc, id desc);
-- a provider's paths ranked (newest first, and by level: attack_path_provider_idx)
create index attack_path_provider_rank_idx on attack_path (status, provider, risk_score desc, id desc);

-- The resource families paths are grouped by, as dev.leakpath.attackpath.TargetKinds lists them.
create or replace function resource_category(resource_type text) returns text language sql immutable as $$
    select case
        when lower(resource_type) in ('microsoft.storage/storageaccounts', 'aws::s3::bucket',
                                      'storage.googleapis.com/bucket') then 'object_storage'
        when lower(resource_type) in ('microsoft.sql/servers', 'microsoft.sql/managedinstances',
                                      'microsoft.synapse/workspaces', 'microsoft.dbforpostgresql/flexibleservers',
                                      'microsoft.dbforpostgresql/servers', 'microsoft.dbforpostgresql/servergroupsv2',
                                      'microsoft.dbformysql/flexibleservers', 'microsoft.dbformysql/servers',
                                      'microsoft.dbformariadb/servers', 'microsoft.documentdb/databaseaccounts',
                                      'microsoft.documentdb/mongoclusters', 'aws::rds::dbinstance',
                                      'aws::rds::dbcluster', 'aws::rds::dbproxy', 'aws::redshift::cluster',
                                      'aws::redshiftserverless::workgroup') then 'managed_database'
        when lower(resource_type) in ('microsoft.cache/redis', 'microsoft.cache/redisenterprise',
                                      'aws::elasticache::cachecluster', 'aws::elasticache::replicationgroup')
            then 'cache'
        when lower(resource_type) in ('microsoft.servicebus/namespaces', 'microsoft.eventhub/namespaces',
                                      'microsoft.eventgrid/topics') then 'message_bus'
        when lower(resource_type) in ('microsoft.keyvault/vaults', 'aws::secretsmanager::secret') then 'key_vault'
        when lower(resource_type) in ('microsoft.containerregistry/registries', 'aws::ecr::repository')
            then 'container_registry'
        when lower(resource_type) in ('microsoft.compute/virtualmachines', 'aws::ec2::instance',
                                      'compute.googleapis.com/instance') then 'virtual_machine'
        else 'other' end
$$;

-- Every alert's risk: that of its worst open path, or of the alert alone when it is on none (its secret reaches
-- no resource); 0 and no factors once it is no longer open. Kept by dev.leakpath.risk.FindingRisk in the
-- transaction that changed what it depends on.
-- No foreign key to alert (nor secret_risk's to secret): these rows are derived and rebuilt by every recompute,
-- alerts and secrets are never deleted, and checking a million keys took 4.6 s of a first recompute.
create table alert_risk (
    alert_id      bigint  primary key
  , repository_id bigint  not null
  , secret_id     bigint
  , path_id       bigint
  , open          boolean not null
  , risk_score    integer not null
  , risk_level    text    not null
  , risk_factors  text[]  not null
    -- copies of the alert's filtered columns, so that a ranked list filtered by one reads an index in ranking
    -- order: joined to the alert instead, a provider whose alerts rank low was looked for through most of the
    -- ranking (0.3 s over a million alerts)
  , provider      text    not null
  , secret_type   text    not null
  , validity      text    -- validity, few and common values, needs no index of its own: the ranking finds them
);
create index alert_risk_rank_idx on alert_risk (risk_score desc, alert_id desc);
create index alert_risk_provider_idx on alert_risk (provider, risk_score desc, alert_id desc);
create index alert_risk_type_idx on alert_risk (secret_type, risk_score desc, alert_id desc);
-- a repository's alerts, riskiest first: its score is kept from them, and a recommendation lists the riskiest
create index alert_risk_repository_idx on alert_risk (repository_id, risk_score desc, alert_id);
create index alert_risk_secret_idx on alert_risk (secret_id, risk_score desc) where secret_id is not null;

-- Alerts whose secret leakpath did not get: scored with their repository.
create index alert_secretless_idx on alert (repository_id) where secret_id is null;

-- A secret's risk is its worst alert's; a repository's its worst alert's, the number of open findings breaking
-- ties. Both are kept from alert_risk right after it changes.
create table secret_risk (
    secret_id        bigint  primary key
  , risk_score       integer not null
  , risk_level       text    not null
  , risk_factors     text[]  not null
  , open_findings    bigint  not null
    -- the secret's filtered columns, for the same reason as alert_risk's
  , target_kind      text
  , target_exists    text
  , expires_at       timestamptz
);
create index secret_risk_rank_idx on secret_risk (risk_score desc, secret_id desc);
create index secret_risk_kind_idx on secret_risk (target_kind, risk_score desc, secret_id desc);
create index secret_risk_exists_idx on secret_risk (target_exists, risk_score desc, secret_id desc);
create index secret_risk_expires_idx on secret_risk (expires_at) where expires_at is not null;

create table repository_risk (
    repository_id    bigint  primary key references repository (id) on delete cascade
  , provider         text    not null
  , organization     text
  , risk_score       integer not null
  , risk_level       text    not null
  , risk_factors     text[]  not null
  , open_findings    bigint  not null
  , total_findings   bigint  not null
    -- public, with an open finding on an attack path: the overview counts these
  , public_with_paths boolean not null default false
    -- the ranking in one key, so that a keyset cursor is (rank, id): the score, then the open findings
  , rank             bigint  generated always as (risk_score * 1000000 + least(open_findings, 999999)) stored
);
create index repository_risk_rank_idx on repository_risk (rank desc, repository_id desc);
create index repository_risk_provider_idx on repository_risk (provider, rank desc, repository_id desc);
create index repository_risk_organization_idx on repository_risk (organization, rank desc, repository_id desc);
create index repository_risk_public_idx on repository_risk (repository_id) where public_with_paths;

-- Each resource open attack paths reach, with its worst path's risk and how many secrets, repositories and
-- paths reach it; kept from attack_path right after it changes.
create table target_risk (
    id                bigserial primary key
  , target_key        text    not null unique
  , asset_id          bigint
  , resource_type     text
  , name              text
  , in_inventory      boolean not null
  , internet_exposed  boolean not null
  , sensitive_data    boolean not null
  , risk_score        integer not null
  , risk_level        text    not null
  , risk_factors      text[]  not null
  , secrets           bigint  not null
  , repositories      bigint  not null
  , paths             bigint  not null
  , rank              bigint  generated always as (risk_score * 1000000 + least(paths, 999999)) stored
);
create index target_risk_rank_idx on target_risk (rank desc, id desc);


-- The paths to one target (GET /api/v1/attack-paths?target=), ranked.
create index attack_path_target_idx on attack_path (target_key, status, risk_score desc, id desc);
