-- Remediation metrics count a resolved alert by the risk it had while open: a closed alert scores 0, so its
-- level is kept apart from its score. Null for an alert leakpath never saw open (it arrived resolved).
alter table alert_risk add column open_risk_level text;

update alert_risk set open_risk_level = risk_level where open;
