-- Admin actions: who changed what, when, and how it ended. Request bodies are never stored.
create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor       text not null,
    method      text not null,
    path        text not null,
    status      int,
    remote_address text
);

create index audit_event_actor_idx on audit_event (actor, id);
