-- Federated (OIDC) users: one PurSight user per issuer and subject, created on first
-- exchange. `roles` are the roles their groups map to at the last exchange; when the
-- issuer did not list the groups (Entra ID's overage), `groups_unavailable` says so.
ALTER TABLE auth.users ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
ALTER TABLE auth.users ADD COLUMN groups_unavailable boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX users_external_identity ON auth.users (identity_provider, external_subject)
    WHERE identity_provider <> 'local';

-- Non-human principals.
CREATE TABLE auth.service_accounts (
    id text PRIMARY KEY,
    display_name text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    disabled boolean NOT NULL DEFAULT false,
    creator text NOT NULL DEFAULT '',
    create_time timestamptz NOT NULL DEFAULT now()
);

-- API keys: only a SHA-256 digest of the secret is kept (the secret is 256 random bits,
-- so a slow password hash would add nothing but latency), and shown once at creation.
CREATE TABLE auth.service_account_keys (
    id text PRIMARY KEY,
    service_account_id text NOT NULL REFERENCES auth.service_accounts (id) ON DELETE CASCADE,
    display_name text NOT NULL DEFAULT '',
    prefix text NOT NULL,
    secret_hash text NOT NULL,
    expire_time timestamptz,
    create_time timestamptz NOT NULL DEFAULT now(),
    last_use_time timestamptz
);
CREATE INDEX service_account_keys_account
    ON auth.service_account_keys (service_account_id, create_time DESC);
