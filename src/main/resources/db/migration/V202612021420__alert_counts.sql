-- The overview's counts, kept as alerts change instead of counted from every alert on every request (six scans
-- of a million alerts took 3.4 s). Maintained by statement triggers in the writer's transaction, from the rows
-- it changed; keyed by organisation, so a scoped viewer reads only its own rows.

create table alert_count (
    organization  text   not null
  , provider      text   not null
  , secret_type   text   not null
  , state         text   not null
  , validity      text   not null
  , alerts        bigint not null
  , primary key (organization, provider, secret_type, state, validity)
);

create table alert_day (
    organization  text   not null
  , day           date   not null
  , opened        bigint not null default 0
  , resolved      bigint not null default 0
  , primary key (organization, day)
);

-- the timeline reads a window of days for every organisation
create index alert_day_day_idx on alert_day (day);

-- The statements that add a set of changes to the counts: %1$s is a query of (organization, provider, secret_type,
-- state, validity, created_at, resolved_at, sign), sign +1 for a new row and -1 for an old one. Each trigger runs
-- them over its transition tables (visible to its own EXECUTE only, hence text and not a function taking rows).
-- Rows are upserted in key order, so two writers lock shared counter rows in the same order and cannot deadlock.
create function alert_counts_sql() returns text language sql immutable as $$
    select $q$
    insert into alert_count (organization, provider, secret_type, state, validity, alerts)
    select organization, provider, secret_type, state, validity, sum(sign)
    from (%1$s) c
    group by 1, 2, 3, 4, 5
    having sum(sign) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (organization, provider, secret_type, state, validity)
        do update set alerts = alert_count.alerts + excluded.alerts
    $q$
$$;

create function alert_days_sql() returns text language sql immutable as $$
    select $q$
    with c as (%1$s)
    insert into alert_day (organization, day, opened, resolved)
    select organization, day, sum(opened), sum(resolved)
    from (select organization, cast(created_at at time zone 'UTC' as date) as day, sign as opened, 0 as resolved from c
          union all
          select organization, cast(resolved_at at time zone 'UTC' as date), 0, sign from c
          where resolved_at is not null) d
    group by 1, 2
    having sum(opened) <> 0 or sum(resolved) <> 0
    order by 1, 2
    on conflict (organization, day)
        do update set opened = alert_day.opened + excluded.opened, resolved = alert_day.resolved + excluded.resolved
    $q$
$$;

-- One side of a change: the counted columns of alerts %1$s (a transition table, or a join giving a), with the
-- organisation of repository %2$s, and the sign %3$s.
create function alert_counts_side(alerts text, repository text, sign int) returns text language sql immutable as $$
    select format($q$
        select %2$s.organization, a.provider, a.secret_type, a.state, coalesce(a.validity, 'unknown') as validity,
               a.created_at, a.resolved_at, %3$s as sign
        from %1$s
        $q$, alerts, repository, sign)
$$;

-- Updates take part only where a counted column changed: most (locations, details, times) change none.
create function alert_counts_changed() returns trigger language plpgsql as $$
declare
    changed constant text := ' join counted_new n on n.id = a.id where (a.provider, a.secret_type, a.state, '
        || 'a.validity, a.created_at, a.resolved_at, a.repository_id) is distinct from (n.provider, n.secret_type, '
        || 'n.state, n.validity, n.created_at, n.resolved_at, n.repository_id)';
    changes text;
begin
    if tg_op = 'INSERT' then
        changes := alert_counts_side('counted_new a join repository r on r.id = a.repository_id', 'r', 1);
    elsif tg_op = 'DELETE' then
        changes := alert_counts_side('counted_old a join repository r on r.id = a.repository_id', 'r', -1);
    else
        changes := alert_counts_side('counted_old a join repository r on r.id = a.repository_id' || changed, 'r', -1)
            || ' union all '
            || alert_counts_side('counted_old o join counted_new a on a.id = o.id '
                   || 'join repository r on r.id = a.repository_id '
                   || 'where (o.provider, o.secret_type, o.state, o.validity, o.created_at, o.resolved_at, '
                   || 'o.repository_id) is distinct from (a.provider, a.secret_type, a.state, a.validity, '
                   || 'a.created_at, a.resolved_at, a.repository_id)', 'r', 1);
    end if;
    execute format(alert_counts_sql(), changes);
    execute format(alert_days_sql(), changes);
    return null;
end
$$;

create trigger alert_counts_inserted after insert on alert
    referencing new table as counted_new for each statement execute function alert_counts_changed();
create trigger alert_counts_updated after update on alert
    referencing old table as counted_old new table as counted_new for each statement execute function alert_counts_changed();
create trigger alert_counts_deleted after delete on alert
    referencing old table as counted_old for each statement execute function alert_counts_changed();

-- A repository that moves to another organisation takes its alerts' counts along.
create function repository_counts_moved() returns trigger language plpgsql as $$
declare
    moved constant text := 'moved_old o join moved_new n on n.id = o.id and o.organization is distinct from '
        || 'n.organization join alert a on a.repository_id = o.id';
    changes text;
begin
    changes := alert_counts_side(moved, 'o', -1) || ' union all ' || alert_counts_side(moved, 'n', 1);
    execute format(alert_counts_sql(), changes);
    execute format(alert_days_sql(), changes);
    return null;
end
$$;

create trigger repository_counts_moved after update on repository
    referencing old table as moved_old new table as moved_new for each statement execute function repository_counts_moved();

-- what is stored already
insert into alert_count (organization, provider, secret_type, state, validity, alerts)
select r.organization, a.provider, a.secret_type, a.state, coalesce(a.validity, 'unknown'), count(*)
from alert a join repository r on r.id = a.repository_id
group by 1, 2, 3, 4, 5;

insert into alert_day (organization, day, opened, resolved)
select organization, day, sum(opened), sum(resolved)
from (select r.organization, cast(a.created_at at time zone 'UTC' as date) as day, 1 as opened, 0 as resolved
      from alert a join repository r on r.id = a.repository_id
      union all
      select r.organization, cast(a.resolved_at at time zone 'UTC' as date), 0, 1
      from alert a join repository r on r.id = a.repository_id
      where a.resolved_at is not null) d
group by 1, 2;
