-- The repository listing's name filter (GET /api/v1/repositories?name=) finds a part of the full name in any
-- case: lower(full_name) like '%…%'. A trigram index answers that without reading every repository.
-- pg_trgm ships with PostgreSQL (contrib, in the Debian and Docker packages and the embedded server) and is
-- trusted since PostgreSQL 13: an account with CREATE on the database may create it.
create extension if not exists pg_trgm;

create index repository_full_name_trgm_idx on repository using gin (lower(full_name) gin_trgm_ops);
