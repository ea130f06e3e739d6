-- One alert model across providers. `state` is 'open' or 'resolved' for every provider and `resolution` one
-- word of a documented set (model.AlertStates); the provider's own words are kept beside them. `secret_type`
-- becomes the catalogue's provider-neutral id (secret-types.yml); `provider_secret_type` keeps the provider's
-- slug or rule name, `rule_id` Azure DevOps's opaqueId (SEC101/nnn). `details` holds what only some providers
-- say (GitHub's assignee, resolver, push-protection bypass): logins and comments, never a secret.
alter table alert
    add column provider_state       text
  , add column provider_resolution  text
  , add column provider_secret_type text
  , add column rule_id              text
  , add column validity_checked_at  timestamptz
  , add column details              jsonb not null default '{}';

-- Done while the old notification triggers are in place: they see 'active' become 'open' as open staying open,
-- so the migration raises no events.
update alert set
    provider_state = state
  , provider_resolution = resolution
  , provider_secret_type = secret_type
  , state = case when state in ('resolved', 'fixed', 'dismissed', 'autoDismissed') then 'resolved' else 'open' end
  , resolution = case
        when state in ('open', 'active', 'unknown') then null
        when provider = 'github' then case
            when resolution in ('false_positive', 'wont_fix', 'revoked', 'used_in_tests', 'pattern_edited',
                                'pattern_deleted') then resolution
            else 'other' end
        when state = 'fixed' then 'fixed'
        when state = 'autoDismissed' then 'auto_dismissed'
        when lower(resolution) = 'fixed' then 'fixed'
        when lower(resolution) = 'acceptedrisk' then 'accepted_risk'
        when lower(resolution) = 'falsepositive' then 'false_positive'
        when lower(resolution) = 'agreedtoguidance' then 'agreed_to_guidance'
        when lower(resolution) = 'toolupgrade' then 'tool_upgrade'
        when lower(resolution) = 'notdistributed' then 'not_distributed'
        else 'other' end;

alter table alert alter column provider_state set not null;
alter table alert alter column provider_secret_type set not null;
alter table alert add constraint alert_state_check check (state in ('open', 'resolved'));

-- The secretType filter and the overview's counts by type
create index alert_secret_type_idx on alert (secret_type);

-- The catalogue as the application knows it, rewritten at every start (secrettype.SecretTypeTable).
create table secret_type_catalogue (
    id        text primary key
  , name      text not null
  , category  text not null
  , target    text not null
);

-- A type's category comes from the catalogue now, not from a pattern over its name.
create or replace function secret_category(secret_type text) returns text language sql stable as $$
    select coalesce((select c.category from secret_type_catalogue c where c.id = secret_type), 'other')
$$;

create or replace view graph_contains as
select a.repository_id, a.secret_id, a.id as alert_id, a.validity, a.publicly_leaked
from alert a
where a.state = 'open' and a.secret_id is not null;

create or replace function alert_inserted_events() returns trigger language plpgsql as $$
begin
    insert into notification_event (kind, repository_id, alert_id)
    select 'alert_opened', n.repository_id, n.id from inserted n where n.state = 'open';
    insert into notification_event (kind, repository_id, alert_id)
    select 'secret_valid', n.repository_id, n.id from inserted n
    where n.state = 'open' and n.validity = 'active';
    return null;
end
$$;

create or replace function alert_updated_events() returns trigger language plpgsql as $$
begin
    -- reopened alerts are news again
    insert into notification_event (kind, repository_id, alert_id)
    select 'alert_opened', n.repository_id, n.id
    from updated_new n join updated_old o on o.id = n.id
    where n.state = 'open' and o.state <> 'open';
    -- found valid while open, or reopened while valid
    insert into notification_event (kind, repository_id, alert_id)
    select 'secret_valid', n.repository_id, n.id
    from updated_new n join updated_old o on o.id = n.id
    where n.state = 'open' and n.validity = 'active'
      and (o.validity is distinct from 'active' or o.state <> 'open');
    return null;
end
$$;
