-- Who must fix a repository's leaks, and where leakpath learnt it: config (leakpath.owners.mappings),
-- codeowners (the CODEOWNERS file on the default branch), admins (GitHub teams and people with admin access) or
-- fallback (leakpath.owners.fallback, per organisation). One source per repository: the first that names anyone.
create table repository_owner (
    repository_id bigint not null references repository (id) on delete cascade
  , owner         text   not null
  , source        text   not null
  , position      int    not null
  , primary key (repository_id, owner)
);
