-- A scope can be read through several listings, each a pass of its own with its own watermark, ETag and
-- resume point: GitHub lists generic patterns (private keys, connection strings, passwords) only when
-- secret_type names them, so an organisation is read as its default listing and a 'generic' one.
alter table sync_source add column listing text not null default 'default';

alter table sync_source drop constraint sync_source_provider_scope_key;

alter table sync_source add constraint sync_source_provider_scope_listing_key unique (provider, scope, listing);
