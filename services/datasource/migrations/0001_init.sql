CREATE SCHEMA IF NOT EXISTS datasource;

-- One row per registered source. `config` and `limits` hold the proto3 JSON of the
-- kind's config message and of ConnectionLimits; `credential` is the Credential message
-- sealed with AES-256-GCM (services/runtime/secretbox.py), bound to the source's name.
CREATE TABLE datasource.data_sources (
    workspace_id text NOT NULL,
    id text NOT NULL,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    kind smallint NOT NULL,
    config jsonb NOT NULL,
    limits jsonb NOT NULL DEFAULT '{}',
    labels jsonb NOT NULL DEFAULT '{}',
    credential bytea,
    credential_type smallint NOT NULL DEFAULT 0,
    credential_update_time timestamptz,
    last_test jsonb,
    creator text NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX data_sources_display_name
    ON datasource.data_sources (workspace_id, lower(display_name));
CREATE INDEX data_sources_create_time ON datasource.data_sources (workspace_id, create_time);
CREATE INDEX data_sources_update_time ON datasource.data_sources (workspace_id, update_time);

CREATE TABLE datasource.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
