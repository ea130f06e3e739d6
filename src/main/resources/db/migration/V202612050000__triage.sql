-- Triage written back to the providers. A command is one request (a person through the API; later a
-- suppression rule or the dashboard through the same path) to assign, resolve, dismiss or reopen alerts; it has
-- one item per alert, which a worker carries out at the provider. An item is done only once the provider has
-- answered: applied (its answer kept), failed (with the reason), or conflict (the provider's alert had changed
-- since leakpath read it; what the provider has is kept and nothing was written). The alert row itself changes
-- only when the next poll or webhook reads the alert again.
create table triage_command (
    id            bigint generated always as identity primary key
  , action        text        not null
  , resolution    text
  , comment       text
  , assignee      text
  , requested_by  text        not null
  , requested_at  timestamptz not null default now()
    -- who or what asked: 'api' (a person, through the API or the dashboard); other sources come with the
    -- features that triage by themselves (suppression rules)
  , source        text        not null
  , alerts        integer     not null
  , constraint triage_command_action_check check (action in ('assign', 'resolve', 'dismiss', 'reopen'))
);

create table triage_item (
    id               bigint generated always as identity primary key
  , command_id       bigint      not null references triage_command (id) on delete cascade
  , alert_id         bigint      not null references alert (id) on delete cascade
  , provider         text        not null
  , status           text        not null default 'pending'
    -- claims so far; a claim moves next_attempt_at a lease ahead, so a crashed worker's item comes due again
  , attempts         integer     not null default 0
  , next_attempt_at  timestamptz not null default now()
    -- the provider's state, resolution, assignee and resolution time as leakpath read them (its words)
  , read_state       jsonb       not null
    -- the provider's answer: what it has after the write, or what it had instead on a conflict
  , answer           jsonb
  , note             text
  , last_error       text
  , finished_at      timestamptz
  , constraint triage_item_status_check check (status in ('pending', 'applied', 'failed', 'conflict'))
  , unique (command_id, alert_id)
);

-- the worker's claim: due items, oldest first
create index triage_item_due_idx on triage_item (next_attempt_at, id) where status = 'pending';
-- one alert's items run one after the other, in the order they were asked for
create index triage_item_alert_pending_idx on triage_item (alert_id, id) where status = 'pending';
-- a command's items, page by page (the unique constraint's index is by alert), and those of one status
create index triage_item_command_idx on triage_item (command_id, id);
create index triage_item_command_status_idx on triage_item (command_id, status, id);

-- An assignee for alerts whose provider has none (Azure DevOps): leakpath keeps it itself.
create table alert_assignee (
    alert_id     bigint      primary key references alert (id) on delete cascade
  , assignee     text        not null
  , assigned_by  text        not null
  , assigned_at  timestamptz not null default now()
  , command_id   bigint      references triage_command (id) on delete set null
);

-- Audit records of single changes, beside the request records: what was changed (subject, e.g. 'alert:42') and
-- how it was before and is asked to be after. Request records leave these null.
alter table audit_event
    add column subject       text
  , add column before_state  jsonb
  , add column after_state   jsonb;

create index audit_event_subject_idx on audit_event (subject, id) where subject is not null;
