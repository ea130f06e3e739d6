-- The SARIF export reads alerts a repository after another (a run each), a page at a time after the last
-- (repository_id, id) read; the unique (repository_id, provider_alert_id) index gave no order within a
-- repository, so each page sorted every alert after the cursor. The alert listing's repository filter, newest
-- first, reads it backwards.
create index alert_repository_order_idx on alert (repository_id, id);
