-- Placeholders are never in the inventory, exposed or sensitive. Written as constants outside the DISTINCT ON,
-- a condition on those columns (an explorer query for internet-exposed resources) folds to false for this
-- branch, and the placeholders are not built at all; inside it, the condition could not be pushed down.
create or replace view graph_resource as
select 'asset:' || t.id as target_key, t.id as asset_id, t.resource_type, t.name, t.cloud, t.account_id, t.region,
       true as in_inventory, coalesce(t.internet_exposed, false) as internet_exposed,
       coalesce(t.sensitive_data, false) as sensitive_data
from asset t
union all
select p.target_key, p.asset_id, p.resource_type, p.name, p.cloud, p.account_id, p.region,
       false as in_inventory, false as internet_exposed, false as sensitive_data
from (select distinct on (target_key) target_key, asset_id, resource_type, name, cloud, account_id, region
      from graph_secret_target
      where not in_inventory) p;
