-- Remediation metrics read the resolved alerts of a window from alert_risk alone (joined to alert and scanning
-- the risk of a million alerts, a report took seconds). A closed alert scores 0, so the level it had while open
-- is kept apart from its score: null for an alert leakpath never saw open (it arrived resolved). Its provider
-- times are kept for closed alerts only.
alter table alert_risk add column open_risk_level text;
alter table alert_risk add column created_at timestamptz;
alter table alert_risk add column resolved_at timestamptz;

update alert_risk k set open_risk_level = case when k.open then k.risk_level end,
                        created_at = case when not k.open then a.created_at end,
                        resolved_at = case when not k.open then a.resolved_at end
from alert a
where a.id = k.alert_id;

create index alert_risk_resolved_idx on alert_risk (resolved_at)
    include (provider, secret_type, repository_id, open_risk_level, created_at)
    where resolved_at is not null;
