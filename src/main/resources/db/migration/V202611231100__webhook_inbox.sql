-- Webhook deliveries, stored before they are acknowledged and processed at least once by the worker.
-- Only the alert's address is kept, never the payload: a payload may carry the raw secret.
create table webhook_delivery (
    id               bigserial   primary key
  , provider         text        not null
  , delivery_id      text        not null
  , event            text        not null
  , action           text
  , scope            text        not null
  , repository       text        not null
  , alert_id         text        not null
  , repository_hint  jsonb
  , status           text        not null default 'pending'
  , attempts         integer     not null default 0
  , next_attempt_at  timestamptz not null default now()
  , last_error       text
  , received_at      timestamptz not null default now()
  , processed_at     timestamptz
  , unique (provider, delivery_id)
  , constraint webhook_delivery_status_check check (status in ('pending', 'done', 'failed'))
);

create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, id) where status = 'pending';
create index webhook_delivery_status_idx on webhook_delivery (status, id desc);
create index webhook_delivery_received_idx on webhook_delivery (provider, received_at desc);
