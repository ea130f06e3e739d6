-- Things worth telling a repository's owners, written by triggers in the transaction that caused them, so that
-- no writer can forget one. Statement-level triggers with transition tables: a bulk write (an attack-path
-- recompute of 300,000 rows) costs one insert-select, not one trigger call per row.
create table notification_event (
    id             bigint generated always as identity primary key
  , kind           text        not null
  , repository_id  bigint      not null references repository (id) on delete cascade
  , alert_id       bigint      references alert (id) on delete cascade
  , attack_path_id bigint      references attack_path (id) on delete cascade
  , risk_level     text
  , occurred_at    timestamptz not null default now()
  , planned_at     timestamptz
  , constraint notification_event_kind_check check (kind in ('alert_opened', 'secret_valid', 'attack_path_opened',
        'attack_path_escalated', 'alert_sla_breached'))
);

create index notification_event_unplanned_idx on notification_event (id) where planned_at is null;
-- an alert breaches its SLA once
create unique index notification_event_sla_idx on notification_event (alert_id) where kind = 'alert_sla_breached';

create function risk_rank(level text) returns int language sql immutable as $$
    select coalesce(array_position(array['low', 'medium', 'high', 'critical'], level), 0)
$$;

create function alert_inserted_events() returns trigger language plpgsql as $$
begin
    insert into notification_event (kind, repository_id, alert_id)
    select 'alert_opened', n.repository_id, n.id from inserted n where n.state in ('open', 'active');
    insert into notification_event (kind, repository_id, alert_id)
    select 'secret_valid', n.repository_id, n.id from inserted n
    where n.state in ('open', 'active') and n.validity = 'active';
    return null;
end
$$;

create function alert_updated_events() returns trigger language plpgsql as $$
begin
    -- reopened alerts are news again
    insert into notification_event (kind, repository_id, alert_id)
    select 'alert_opened', n.repository_id, n.id
    from updated_new n join updated_old o on o.id = n.id
    where n.state in ('open', 'active') and o.state not in ('open', 'active');
    -- found valid while open, or reopened while valid
    insert into notification_event (kind, repository_id, alert_id)
    select 'secret_valid', n.repository_id, n.id
    from updated_new n join updated_old o on o.id = n.id
    where n.state in ('open', 'active') and n.validity = 'active'
      and (o.validity is distinct from 'active' or o.state not in ('open', 'active'));
    return null;
end
$$;

create trigger alert_inserted_events after insert on alert
    referencing new table as inserted for each statement execute function alert_inserted_events();
create trigger alert_updated_events after update on alert
    referencing old table as updated_old new table as updated_new for each statement execute function alert_updated_events();

create function attack_path_inserted_events() returns trigger language plpgsql as $$
begin
    insert into notification_event (kind, repository_id, attack_path_id, risk_level)
    select 'attack_path_opened', n.repository_id, n.id, n.risk_level from inserted n where n.status = 'open';
    return null;
end
$$;

create function attack_path_updated_events() returns trigger language plpgsql as $$
begin
    insert into notification_event (kind, repository_id, attack_path_id, risk_level)
    select 'attack_path_escalated', n.repository_id, n.id, n.risk_level
    from updated_new n join updated_old o on o.id = n.id
    where n.status = 'open' and risk_rank(n.risk_level) > risk_rank(o.risk_level);
    return null;
end
$$;

create trigger attack_path_inserted_events after insert on attack_path
    referencing new table as inserted for each statement execute function attack_path_inserted_events();
create trigger attack_path_updated_events after update on attack_path
    referencing old table as updated_old new table as updated_new for each statement execute function attack_path_updated_events();

-- One message per event, channel and recipient, whatever rules matched; retried with back-off. A digest
-- notification waits for its recipient's next digest time and is sent in one message with the others due then.
create table notification (
    id              bigint generated always as identity primary key
  , event_id        bigint      not null references notification_event (id) on delete cascade
  , rule_name       text        not null
  , channel         text        not null
  , recipient       text        not null
  , digest          boolean     not null default false
  , status          text        not null default 'pending'
  , attempts        int         not null default 0
  , last_error      text
  , next_attempt_at timestamptz not null default now()
  , created_at      timestamptz not null default now()
  , sent_at         timestamptz
  , constraint notification_status_check check (status in ('pending', 'sent', 'failed'))
  , unique (event_id, channel, recipient)
);

create index notification_due_idx on notification (next_attempt_at) where status = 'pending';
create index notification_recipient_sent_idx on notification (recipient, sent_at) where status = 'sent';
create index notification_listing_idx on notification (id desc);

-- Rules added through the API (admins), beside those in config; the definition is the rule's JSON.
create table notification_rule (
    name       text        primary key
  , definition jsonb       not null
  , created_at timestamptz not null default now()
);
