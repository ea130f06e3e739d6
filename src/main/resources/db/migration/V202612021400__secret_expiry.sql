-- When a credential stops working by itself, where its value says so (a SAS's se, a signed URL's date and
-- lifetime, a JWT's exp). Only secrets seen again after this migration get one: raw values are never stored.
alter table secret add column expires_at timestamptz;

-- expired=true|false filters secrets and alerts
create index secret_expires_at_idx on secret (expires_at) where expires_at is not null;
