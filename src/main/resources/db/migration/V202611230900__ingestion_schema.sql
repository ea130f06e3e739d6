-- Code repositories from every provider. Metadata (visibility, archived, default branch) is cached
-- and refreshed when metadata_fetched_at is older than the provider's TTL.
create table repository (
    id                   bigserial primary key
  , provider             text        not null
  , organization         text        not null
  , project              text
  , name                 text        not null
  , full_name            text        not null
  , provider_repo_id     text
  , url                  text
  , visibility           text
  , archived             boolean
  , default_branch       text
  , metadata_fetched_at  timestamptz
  , created_at           timestamptz not null default now()
  , updated_at           timestamptz not null default now()
  , unique (provider, full_name)
);

-- One row per distinct credential. The raw value is never stored: only a keyed HMAC and a masked preview.
create table secret (
    id             bigserial primary key
  , fingerprint    text        not null unique
  , preview        text        not null
  , secret_type    text        not null
  , first_seen_at  timestamptz not null default now()
);

create table alert (
    id                        bigserial primary key
  , provider                  text        not null
  , repository_id             bigint      not null references repository (id)
  , provider_alert_id         text        not null
  , secret_type               text        not null
  , secret_type_display_name  text
  , state                     text        not null
  , resolution                text
  , validity                  text
  , publicly_leaked           boolean
  , multi_repo                boolean
  , secret_id                 bigint      references secret (id)
  , alert_url                 text
  , api_url                   text
  , created_at                timestamptz not null
  , updated_at                timestamptz
  , resolved_at               timestamptz
  , first_ingested_at         timestamptz not null default now()
  , last_changed_at           timestamptz not null default now()
  , unique (repository_id, provider_alert_id)
);

create index alert_secret_idx on alert (secret_id);
create index alert_state_idx on alert (state);

-- Locations only grow: a location once seen stays, identified by location_key.
create table alert_location (
    id            bigserial primary key
  , alert_id      bigint not null references alert (id) on delete cascade
  , location_key  text   not null
  , type          text   not null
  , path          text
  , start_line    integer
  , end_line      integer
  , start_column  integer
  , end_column    integer
  , commit_sha    text
  , blob_sha      text
  , file_url      text
  , commit_url    text
  , source_url    text
  , unique (alert_id, location_key)
);

-- One row per polled scope (a GitHub organisation, an Azure DevOps organisation).
-- watermark/etag are committed only when a pass completes; resume_point and pending_watermark
-- let an interrupted pass continue where it stopped.
create table sync_source (
    id                    bigserial primary key
  , provider              text        not null
  , scope                 text        not null
  , state                 text        not null default 'idle'
  , watermark             timestamptz
  , etag                  text
  , resume_point          text
  , pending_watermark     timestamptz
  , full_pass_completed   boolean     not null default false
  , last_run_id           uuid
  , last_started_at       timestamptz
  , last_finished_at      timestamptz
  , last_success_at       timestamptz
  , last_outcome          text
  , last_error            text
  , pages                 bigint      not null default 0
  , alerts_seen           bigint      not null default 0
  , errors                bigint      not null default 0
  , rate_limit_remaining  integer
  , rate_limit_reset_at   timestamptz
  , unique (provider, scope)
);

create table sync_run (
    id           uuid        primary key
  , trigger      text        not null
  , status       text        not null
  , started_at   timestamptz not null
  , finished_at  timestamptz
);

create table sync_error (
    id                 bigserial primary key
  , run_id             uuid        not null references sync_run (id)
  , source_id          bigint      not null references sync_source (id)
  , provider_alert_id  text
  , message            text        not null
  , occurred_at        timestamptz not null default now()
);

create index sync_error_source_idx on sync_error (source_id, occurred_at desc);
