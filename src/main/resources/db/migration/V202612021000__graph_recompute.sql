-- The full re-match of secret targets and recompute of attack paths an inventory change calls for, done after
-- the write rather than in it. A write adds one to requested in its own transaction; a recompute records the
-- requested it started from as completed. While requested > completed one is due: a write made during a
-- recompute causes exactly one more, and one whose instance died before its recompute ran is not lost.
-- One row at most (id is always true); asset writers create it.
create table graph_recompute (
    id           boolean primary key default true check (id)
  , requested    bigint      not null default 0
  , completed    bigint      not null default 0
  , requested_at timestamptz
  , completed_at timestamptz
);
