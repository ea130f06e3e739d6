-- Dashboard sessions, so that a restart signs no one out and every instance knows every session. A row is
-- found by the SHA-256 of its session id: the cookie holds the id itself, so reading this table gives no
-- live session. attributes is the session's attributes (the signed-in user's security context, an
-- authorization request under way) in Java serialization.
create table web_session (
    id_hash               bytea       primary key
  , created_at            timestamptz not null
  , last_accessed_at      timestamptz not null
  , max_inactive_seconds  integer     not null
  , expires_at            timestamptz not null
  , attributes            bytea       not null
  , constraint web_session_id_hash_check check (octet_length(id_hash) = 32)
  , constraint web_session_max_inactive_check check (max_inactive_seconds > 0)
);

-- the cleanup's delete of expired sessions
create index web_session_expires_at_idx on web_session (expires_at);
