-- How many open attack paths go through each secret, kept as paths open, close and go, instead of grouping every
-- open path with every secret on each request (0.96 s for GET /api/v1/secrets?sort=pathsClosed over 325,000 open
-- paths). Maintained by statement triggers over the changed rows, in the writer's transaction; the ranking reads
-- the partial index. A secret whose paths all closed keeps its row, at 0, out of that index.
create table secret_open_paths (
    secret_id   bigint not null primary key references secret (id) on delete cascade
  , open_paths  bigint not null
);

create index secret_open_paths_rank_idx on secret_open_paths (open_paths desc, secret_id desc) where open_paths > 0;

-- Adds the changes %1$s, a query of (secret_id, sign), to the counts, in key order, so that two writers lock
-- shared counter rows in the same order and cannot deadlock.
create function secret_open_paths_sql() returns text language sql immutable as $$
    select $q$
    insert into secret_open_paths (secret_id, open_paths)
    select secret_id, sum(sign)
    from (%1$s) c
    group by secret_id
    having sum(sign) <> 0
    order by secret_id
    on conflict (secret_id) do update set open_paths = secret_open_paths.open_paths + excluded.open_paths
    $q$
$$;

-- Updates take part only where a path's status or secret changed: most (scores, alert ids, targets) change neither.
-- A path deleted with its secret takes no part: the secret's counts went with it.
create function secret_open_paths_changed() returns trigger language plpgsql as $$
declare
    changes text;
begin
    if tg_op = 'INSERT' then
        changes := 'select secret_id, 1 as sign from paths_new where status = ''open''';
    elsif tg_op = 'DELETE' then
        changes := 'select o.secret_id, -1 as sign from paths_old o where o.status = ''open'' '
            || 'and exists (select 1 from secret s where s.id = o.secret_id)';
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

-- what is stored already
insert into secret_open_paths (secret_id, open_paths)
select secret_id, count(*) from attack_path where status = 'open' group by secret_id;
