-- The cloud asset inventory that secret targets are matched against.
create table asset (
    id                bigserial   primary key
  , cloud             text        not null
  , resource_type     text        not null
  , provider_id       text        not null unique
  , name              text        not null
  , hosts             text[]      not null default '{}'
  , region            text
  , account_id        text
  , tags              jsonb       not null default '{}'
  , internet_exposed  boolean
  , sensitive_data    boolean
  , owner             text
  , source            text        not null
  , created_at        timestamptz not null default now()
  , updated_at        timestamptz not null default now()
);

-- fastupdate off: a pending list filled by a bulk load would be scanned whole by every match lookup
create index asset_hosts_idx on asset using gin (hosts) with (fastupdate = off);
create index asset_type_name_idx on asset (lower(resource_type), lower(name));
create index asset_cloud_idx on asset (cloud);

alter table secret
    add column target_asset_id  bigint references asset (id) on delete set null
  , add column target_exists    text;

-- for the asset listing's secret counts, and for "on delete set null" when assets go
create index secret_target_asset_idx on secret (target_asset_id) where target_asset_id is not null;
