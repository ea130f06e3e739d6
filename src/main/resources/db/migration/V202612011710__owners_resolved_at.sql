-- When a repository's owners were last worked out. Owners were read only with repository metadata, so a
-- repository whose alerts carry complete metadata (Azure DevOps) never had its CODEOWNERS read.
alter table repository add column owners_resolved_at timestamptz;

update repository r set owners_resolved_at = r.metadata_fetched_at
where exists (select 1 from repository_owner o where o.repository_id = r.id);
