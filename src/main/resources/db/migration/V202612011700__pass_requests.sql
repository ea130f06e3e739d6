-- A provider can say that it finished scanning an organisation again (GitHub's secret_scanning_scan
-- completed: a backfill or a new custom pattern found alerts that no alert event announced). Such a scope is
-- due for a pass at the next tick, whatever its poll interval says.
alter table sync_source add column pass_requested_at timestamptz;
