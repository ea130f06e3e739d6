-- Locations as leakpath now stores them, for the rows stored before.
--
-- 1. Paths without a leading '/'. GitHub writes "/example/secrets.txt"; file links became ".../blob/<sha>//example/..."
--    and SARIF URIs absolute. The path is part of location_key (type|commit|path|start line|start column, "null" for
--    a missing part, as NormalizedLocation.key() builds it), so the key is built again. Where the relative row is
--    stored already, or two slashed rows become one, the relative row (else the oldest) stays and the others go: the
--    next read of the alert brings nothing they had that it lacks.

create temporary table relative_location as
select id, alert_id, ltrim(path, '/') as path,
       type || '|' || coalesce(commit_sha, 'null') || '|' || ltrim(path, '/') || '|'
           || coalesce(start_line::text, 'null') || '|' || coalesce(start_column::text, 'null') as location_key
from alert_location
where path like '/%';

delete from alert_location l
using (select id,
              row_number() over (partition by alert_id, location_key order by relative desc, id) as rank
       from (select l.id, l.alert_id, l.location_key, true as relative
             from alert_location l
             where l.alert_id in (select alert_id from relative_location)
               and l.id not in (select id from relative_location)
             union all
             select r.id, r.alert_id, r.location_key, false
             from relative_location r) candidates) ranked
where l.id = ranked.id and ranked.rank > 1;

update alert_location l
set path         = r.path
  , location_key = r.location_key
  , file_url     = regexp_replace(l.file_url, '(/blob/[^/?#]+/)/+', '\1')
from relative_location r
where l.id = r.id;

drop table relative_location;

-- 2. GitHub locations outside commits (issues, pull requests) whose file_url is their API URL, because GitHub gave no
--    html_url: the web page, by the rules of GitHubLocationPages. issues/N, pulls/N and pulls/N/reviews/R name their
--    page exactly, on the web host of the repository's page; comments named by id alone link the alert's page, which
--    lists every location. Discussion and wiki URLs were web pages already.

update alert_location l
set file_url = coalesce(
        substring(r.url from '^[a-z]+://[^/]+') || case
            when l.source_url ~ '/repos/[^/]+/[^/]+/issues/[0-9]+/?$'
                then regexp_replace(l.source_url, '^.*/repos/([^/]+)/([^/]+)/issues/([0-9]+)/?$', '/\1/\2/issues/\3')
            when l.source_url ~ '/repos/[^/]+/[^/]+/pulls/[0-9]+/?$'
                then regexp_replace(l.source_url, '^.*/repos/([^/]+)/([^/]+)/pulls/([0-9]+)/?$', '/\1/\2/pull/\3')
            when l.source_url ~ '/repos/[^/]+/[^/]+/pulls/[0-9]+/reviews/[0-9]+/?$'
                then regexp_replace(l.source_url, '^.*/repos/([^/]+)/([^/]+)/pulls/([0-9]+)/reviews/([0-9]+)/?$',
                                    '/\1/\2/pull/\3#pullrequestreview-\4')
        end,
        a.alert_url)
from alert a
join repository r on r.id = a.repository_id
where a.id = l.alert_id
  and a.provider = 'github'
  and l.file_url = l.source_url
  and l.type <> 'wiki_commit'
  and l.type not like 'discussion\_%';
