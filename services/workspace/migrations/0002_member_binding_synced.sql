-- Whether a member's rbac binding is known to exist. Members added while no rbac service
-- answered (before it was deployed, or in a deployment without it) were committed
-- without one; the workspace service binds them at start (bindings.backfill).
ALTER TABLE workspace.members ADD COLUMN binding_synced boolean NOT NULL DEFAULT false;
CREATE INDEX members_unsynced ON workspace.members (workspace_id, id) WHERE NOT binding_synced;
