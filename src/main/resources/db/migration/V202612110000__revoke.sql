-- Revocation of leaked GitHub tokens, as a triage action: the worker reads the token from GitHub in memory,
-- sends it to POST /credentials/revoke, then resolves the alert as revoked. The token is never stored; what is
-- kept is when GitHub accepted the revocation, so that a retry of the resolve does not revoke again.
alter table triage_command drop constraint triage_command_action_check;
alter table triage_command add constraint triage_command_action_check
    check (action in ('assign', 'resolve', 'dismiss', 'reopen', 'revoke'));

alter table triage_item add column revoked_at timestamptz;
