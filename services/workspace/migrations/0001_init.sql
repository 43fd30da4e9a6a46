CREATE SCHEMA IF NOT EXISTS workspace;

CREATE TABLE workspace.workspaces (
    id text PRIMARY KEY,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    labels jsonb NOT NULL DEFAULT '{}',
    creator text NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX workspaces_display_name ON workspace.workspaces (lower(display_name));

CREATE TABLE workspace.members (
    workspace_id text NOT NULL REFERENCES workspace.workspaces (id) ON DELETE CASCADE,
    id text NOT NULL,
    principal text NOT NULL,
    role smallint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, principal)
);
CREATE INDEX members_principal ON workspace.members (principal);

CREATE TABLE workspace.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
