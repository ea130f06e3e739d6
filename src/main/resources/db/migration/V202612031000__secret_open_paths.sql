-- How many open attack paths go through each secret, kept as paths open, close and go, instead of grouping every
-- open path with every secret on each request (0.96 s for GET /api/v1/secrets?sort=pathsClosed over 325,000 open
-- paths). Maintained by statement triggers over the changed rows, in the writer's transaction. A secret whose
-- paths all closed keeps its row, at 0, out of the ranking's partial indexes.
--
-- The secret's filtered columns are copied beside the count, so that each filter of the listing has an index in
-- ranking order: joined to the secret instead, a filter whose secrets rank low (cloud identities) or have no path
-- at all scanned most of the ranking before it found its 50 rows or none (0.2 s to 0.45 s).
create table secret_open_paths (
    secret_id      bigint      not null primary key references secret (id) on delete cascade
  , open_paths     bigint      not null
  , target_kind    text
  , target_exists  text
  , expires_at     timestamptz
);

create index secret_open_paths_rank_idx on secret_open_paths (open_paths desc, secret_id desc) where open_paths > 0;
create index secret_open_paths_kind_idx on secret_open_paths (target_kind, open_paths desc, secret_id desc)
    where open_paths > 0;
create index secret_open_paths_exists_idx on secret_open_paths (target_exists, open_paths desc, secret_id desc)
    where open_paths > 0;
-- expired=true: the few expired secrets, then sorted; expired=false reads the ranking and skips them
create index secret_open_paths_expires_idx on secret_open_paths (expires_at) where open_paths > 0;

-- Adds the changes %1$s, a query of (secret_id, sign), to the counts, in key order, so that two writers lock
-- shared counter rows in the same order and cannot deadlock.
create function secret_open_paths_sql() returns text language sql immutable as $$
    select $q$
    insert into secret_open_paths (secret_id, open_paths, target_kind, target_exists, expires_at)
    select c.secret_id, sum(c.sign), min(s.target_kind), min(s.target_exists), min(s.expires_at)
    from (%1$s) c
    join secret s on s.id = c.secret_id
    group by c.secret_id
    having sum(c.sign) <> 0
    order by c.secret_id
    on conflict (secret_id) do update set open_paths = secret_open_paths.open_paths + excluded.open_paths
    $q$
$$;

-- Updates take part only where a path's status or secret changed: most (scores, alert ids, targets) change neither.
-- A path deleted with its secret takes no part (the join above leaves it out): the secret's counts went with it.
create function secret_open_paths_changed() returns trigger language plpgsql as $$
declare
    changes text;
begin
    if tg_op = 'INSERT' then
        changes := 'select secret_id, 1 as sign from paths_new where status = ''open''';
    elsif tg_op = 'DELETE' then
        changes := 'select secret_id, -1 as sign from paths_old where status = ''open''';
    else
        changes := 'select o.secret_id, -1 as sign from paths_old o join paths_new n on n.id = o.id '
            || 'where o.status = ''open'' and (o.status, o.secret_id) is distinct from (n.status, n.secret_id) '
            || 'union all '
            || 'select n.secret_id, 1 from paths_old o join paths_new n on n.id = o.id '
            || 'where n.status = ''open'' and (o.status, o.secret_id) is distinct from (n.status, n.secret_id)';
    end if;
    execute format(secret_open_paths_sql(), changes);
    return null;
end
$$;

create trigger secret_open_paths_inserted after insert on attack_path
    referencing new table as paths_new for each statement execute function secret_open_paths_changed();
create trigger secret_open_paths_updated after update on attack_path
    referencing old table as paths_old new table as paths_new for each statement execute function secret_open_paths_changed();
create trigger secret_open_paths_deleted after delete on attack_path
    referencing old table as paths_old for each statement execute function secret_open_paths_changed();

-- A secret whose target or expiry changes (re-matching against the inventory) takes its copy along; rows are
-- locked in key order first, as the counts' writers lock them.
create function secret_open_paths_retargeted() returns trigger language plpgsql as $$
begin
    perform 1 from secret_open_paths c join secrets_new n on n.id = c.secret_id
    where (c.target_kind, c.target_exists, c.expires_at) is distinct from (n.target_kind, n.target_exists, n.expires_at)
    order by c.secret_id
    for update of c;
    update secret_open_paths c
    set target_kind = n.target_kind, target_exists = n.target_exists, expires_at = n.expires_at
    from secrets_new n
    where n.id = c.secret_id
      and (c.target_kind, c.target_exists, c.expires_at) is distinct from (n.target_kind, n.target_exists, n.expires_at);
    return null;
end
$$;

create trigger secret_open_paths_retargeted after update on secret
    referencing new table as secrets_new for each statement execute function secret_open_paths_retargeted();

-- what is stored already
insert into secret_open_paths (secret_id, open_paths, target_kind, target_exists, expires_at)
select p.secret_id, count(*), min(s.target_kind), min(s.target_exists), min(s.expires_at)
from attack_path p join secret s on s.id = p.secret_id
where p.status = 'open'
group by p.secret_id;
