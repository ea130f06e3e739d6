-- Tickets in Jira or GitHub Issues, one per rule and alert (or secret), opened, closed and reopened with the
-- alerts they stand for.

-- Alerts stored open, or whose state changed, waiting for the ticket planner: written by triggers in the
-- transaction that made the change, so no write path can forget one. One row per alert however often it
-- changes before it is planned (the planner reads its state then), so the table is never larger than the alert
-- table, even on an instance that opens no tickets. A change to an alert whose row the planner holds waits for
-- the planner's commit (do update, not do nothing: a row the planner locked is still there to conflict with),
-- then lands as a new row, so no change is lost to a planning round that read the state before it.
create table ticket_alert_change (
    alert_id   bigint      primary key references alert (id) on delete cascade
  , changed_at timestamptz not null default now()
);

-- A row here once an instance with ticket rules has started (it writes it at every round): until then nothing is
-- queued, so a first sync of a million alerts on an instance that opens no tickets writes no change rows.
create table ticket_planning (
    enabled boolean primary key default true check (enabled)
);

create function alert_inserted_ticket_changes() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from ticket_planning) then
        return null;
    end if;
    insert into ticket_alert_change (alert_id)
    select n.id from inserted n where n.state = 'open' order by n.id
    on conflict (alert_id) do update set changed_at = now();
    return null;
end
$$;

create function alert_updated_ticket_changes() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from ticket_planning) then
        return null;
    end if;
    insert into ticket_alert_change (alert_id)
    select n.id from updated_new n join updated_old o on o.id = n.id
    where n.state is distinct from o.state order by n.id
    on conflict (alert_id) do update set changed_at = now();
    return null;
end
$$;

create trigger alert_inserted_ticket_changes after insert on alert
    referencing new table as inserted for each statement execute function alert_inserted_ticket_changes();
create trigger alert_updated_ticket_changes after update on alert
    referencing old table as updated_old new table as updated_new for each statement execute function alert_updated_ticket_changes();

-- A ticket as leakpath wants it (open while one of its alerts is open) and as it last saw it at the tracker.
-- ticket_key is stable (a hash of the rule and the alert's provider identity, or of the secret's fingerprint):
-- it is the ticket's label in Jira and its hidden marker in GitHub, so a ticket whose creation answer was lost is
-- found again rather than opened twice. The row is written in the transaction that plans it; each planning bumps
-- version, and the worker marks a ticket synced only at the version it read.
create table ticket (
    id                  bigint generated always as identity primary key
  , rule_name           text        not null
  , channel             text        not null
  , ticket_key          text        not null
  , scope               text        not null
  , repository_id       bigint      not null references repository (id) on delete cascade
  , external_id         text
  , external_url        text
  , tracker_state       text
  , status              text        not null default 'pending'
  , version             bigint      not null default 1
  , attempts            int         not null default 0
  , last_error          text
  , next_attempt_at     timestamptz not null default now()
  , leased_until        timestamptz
  , create_attempted_at timestamptz
  , created_at          timestamptz not null default now()
  , synced_at           timestamptz
  , constraint ticket_channel_check check (channel in ('jira', 'github-issues'))
  , constraint ticket_scope_check check (scope in ('alert', 'secret'))
  , constraint ticket_status_check check (status in ('pending', 'synced', 'failed'))
  , constraint ticket_tracker_state_check check (tracker_state in ('open', 'closed'))
  , unique (rule_name, ticket_key)
);

create index ticket_due_idx on ticket (next_attempt_at) where status = 'pending';
-- GET /api/v1/tickets, newest first, by status and by channel
create index ticket_listing_idx on ticket (id desc);
create index ticket_status_listing_idx on ticket (status, id desc);
create index ticket_channel_listing_idx on ticket (channel, id desc);

-- The alerts a ticket stands for: one, or every alert of its secret (in its repository, for GitHub Issues).
create table ticket_alert (
    ticket_id bigint not null references ticket (id) on delete cascade
  , alert_id  bigint not null references alert (id) on delete cascade
  , primary key (ticket_id, alert_id)
);

create index ticket_alert_alert_idx on ticket_alert (alert_id);
