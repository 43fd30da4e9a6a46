-- Roles and role bindings. Built-in roles are rows too (built_in = true), rewritten
-- from services/rbac/roles.py at every start, so bindings reference every role alike.
CREATE SCHEMA IF NOT EXISTS rbac;

CREATE TABLE rbac.roles (
    id text PRIMARY KEY,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    -- Permissions and wildcard patterns (catalog.*.read, *).
    permissions text[] NOT NULL,
    -- ScopeKind values the role may be bound at; empty: any.
    assignable_scopes smallint[] NOT NULL DEFAULT '{}',
    built_in boolean NOT NULL DEFAULT false,
    -- Built-in roles list first, in the order of roles.py; custom roles share 1000.
    position integer NOT NULL DEFAULT 1000,
    creator text NOT NULL DEFAULT '',
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_display_name ON rbac.roles (lower(display_name));

CREATE TABLE rbac.bindings (
    id text PRIMARY KEY,
    principal text NOT NULL,
    role_id text NOT NULL REFERENCES rbac.roles (id),
    -- '' for the platform, else workspaces/{ws}[/dataSources/{ds} | /assets/{asset}].
    scope text NOT NULL,
    scope_kind smallint NOT NULL,
    -- workspaces/{ws} of the scope, '' for the platform: finds the bindings below a
    -- workspace that may apply to an asset once its ancestry is known.
    workspace text NOT NULL,
    effect smallint NOT NULL,
    description text NOT NULL DEFAULT '',
    expire_time timestamptz,
    origin smallint NOT NULL,
    origin_resource text NOT NULL DEFAULT '',
    creator text NOT NULL DEFAULT '',
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bindings_principal ON rbac.bindings (principal, workspace);
CREATE INDEX bindings_scope ON rbac.bindings (scope text_pattern_ops);
CREATE INDEX bindings_role ON rbac.bindings (role_id);
CREATE UNIQUE INDEX bindings_origin ON rbac.bindings (origin_resource) WHERE origin_resource <> '';

CREATE TABLE rbac.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
