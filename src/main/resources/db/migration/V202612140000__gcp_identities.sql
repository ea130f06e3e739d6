-- What the GCP inventory (Cloud Asset Inventory) reads besides assets, for the IAM evaluation of attack paths.
-- Each scope's rows (scope = the inventory's `projects/ID`, `folders/ID` or `organizations/ID`) are replaced whole
-- by each read.

-- Every resource the evaluation may be asked about, with the ancestry CAI gives it, so that a binding on its
-- project, a folder or the organization is found.
create table gcp_resource (
    name          text        primary key
  , scope         text        not null
  , asset_type    text        not null
  , project       text
  , folders       text[]      not null
  , organization  text
  , updated_at    timestamptz not null default now()
);

create index gcp_resource_scope_idx on gcp_resource (scope);

-- Service accounts (iam.googleapis.com/ServiceAccount) and their keys' ids (iam.googleapis.com/ServiceAccountKey),
-- so that a leaked key's private_key_id finds its account. The keys themselves are never read.
create table gcp_service_account (
    email         text        primary key
  , scope         text        not null
  , name          text        not null
  , project       text
  , unique_id     text
  , disabled      boolean     not null
  , updated_at    timestamptz not null default now()
);

create index gcp_service_account_scope_idx on gcp_service_account (scope);

create table gcp_service_account_key (
    key_id                text primary key
  , service_account_email text not null references gcp_service_account (email) on delete cascade
  , name                  text not null
  , key_type              text
  , disabled              boolean not null
);

create index gcp_service_account_key_account_idx on gcp_service_account_key (service_account_email);

-- One row per (resource, role, member) of the IAM policies searchAllIamPolicies lists. `resource` is the
-- resource's full name, or `projects/NUMBER`, `folders/ID`, `organizations/ID` for the containers, as the ancestry
-- of gcp_resource names them.
create table gcp_iam_binding (
    scope         text    not null
  , resource      text    not null
  , asset_type    text    not null
  , role          text    not null
  , member        text    not null
  , conditional   boolean not null
  , primary key (scope, resource, role, member, conditional)
);

create index gcp_iam_binding_member_idx on gcp_iam_binding (member);
create index gcp_iam_binding_resource_idx on gcp_iam_binding (resource);
