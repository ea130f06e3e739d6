-- Azure RBAC as Resource Graph's authorizationresources table lists it, and the Entra service principals its
-- assignments name (Microsoft Graph), for the Azure evaluation that fills the identity layer (V202612130000).
-- Each read of a tenant replaces its rows whole (delete where tenant_id = ..., then insert).
create table azure_role_assignment (
    id                  text primary key
  , tenant_id           text not null
  , principal_id        text not null
  , principal_type      text
  , role_definition_id  text not null
  , scope               text not null
);

create index azure_role_assignment_tenant_idx on azure_role_assignment (tenant_id);
create index azure_role_assignment_principal_idx on azure_role_assignment (lower(principal_id));

create table azure_role_definition (
    id           text  primary key
  , tenant_id    text  not null
  , guid         text  not null
  , role_name    text  not null
  , role_type    text
  , permissions  jsonb not null
);

create index azure_role_definition_tenant_idx on azure_role_definition (tenant_id);
create index azure_role_definition_guid_idx on azure_role_definition (lower(guid));

-- appId is the application (client) id an Entra client secret is used with; id is the object id assignments name.
create table azure_service_principal (
    id                          text primary key
  , tenant_id                   text not null
  , app_id                      text not null
  , display_name                text
  , app_owner_organization_id   text
);

create index azure_service_principal_tenant_idx on azure_service_principal (tenant_id);
create index azure_service_principal_app_idx on azure_service_principal (lower(app_id));
