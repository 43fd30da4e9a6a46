CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.users (
    id text PRIMARY KEY,
    display_name text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    password_hash text,
    identity_provider text NOT NULL DEFAULT 'local',
    external_subject text NOT NULL DEFAULT '',
    platform_admin boolean NOT NULL DEFAULT false,
    disabled boolean NOT NULL DEFAULT false,
    groups text[] NOT NULL DEFAULT '{}',
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    last_login_time timestamptz
);

-- Ed25519 signing keys; the private half sealed with the platform's secret key.
CREATE TABLE auth.signing_keys (
    kid text PRIMARY KEY,
    private_key bytea NOT NULL,
    public_x text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now(),
    retire_time timestamptz
);

-- Refresh tokens, stored as SHA-256 digests. One family per login; each use rotates.
CREATE TABLE auth.refresh_tokens (
    id text PRIMARY KEY,
    family_id text NOT NULL,
    user_id text NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    expire_time timestamptz NOT NULL,
    use_time timestamptz,
    revoke_time timestamptz,
    create_time timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON auth.refresh_tokens (family_id);

CREATE TABLE auth.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
