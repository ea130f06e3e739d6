-- Suppression rules (leakpath.suppression) dismiss alerts through triage commands of source 'rule:<name>'; a
-- sweep skips the alerts a rule already dismissed since they last changed, which it finds by each alert's items:
-- the existing indexes lead with the command, or hold pending items only.
create index triage_item_alert_idx on triage_item (alert_id, command_id);
