-- An index for every filter the API offers, now that each filter is a condition of its own (no
-- ":x is null or ..." that a generic plan cannot use an index for). Listings are newest first by id, so
-- each filter column is followed by id.

-- every query of a caller scoped to some organisations, and the organization filter of alerts and repositories
create index repository_organization_idx on repository (organization, id desc);
-- the repository filter of alerts and attack paths names the full name without the provider
create index repository_full_name_idx on repository (full_name);

-- the summary's timeline: alerts opened and resolved since the window's first day
create index alert_created_at_idx on alert (created_at);
create index alert_resolved_at_idx on alert (resolved_at) where resolved_at is not null;
-- the alert listing's provider and validity filters
create index alert_provider_idx on alert (provider, id desc);
create index alert_validity_idx on alert (validity, id desc);

-- the attack-path listing's provider filter (status and risk have theirs)
create index attack_path_provider_idx on attack_path (provider, status, id desc);

-- the secret listing's target filters
create index secret_target_kind_idx on secret (target_kind, id desc);
create index secret_target_exists_idx on secret (target_exists, id desc);

-- the notification listing's status and channel filters
create index notification_status_idx on notification (status, id desc);
create index notification_channel_idx on notification (channel, id desc);

-- the webhook-delivery listing's provider filter
create index webhook_delivery_provider_idx on webhook_delivery (provider, id desc);
