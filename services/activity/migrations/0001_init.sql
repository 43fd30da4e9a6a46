CREATE SCHEMA IF NOT EXISTS activity;

-- The audit trail. Append-only through the API; each row carries the hash of its
-- predecessor and its own hash (services/activity/chain.py has the canonical form).
-- `details` is the canonical JSON text that was hashed, kept as text so that what is
-- stored is byte for byte what the hash covers (cast it to jsonb to query it).
CREATE TABLE activity.events (
    sequence bigint PRIMARY KEY,
    record_id text NOT NULL UNIQUE,
    event_time timestamptz NOT NULL,
    record_time timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    permission text NOT NULL DEFAULT '',
    resource text NOT NULL DEFAULT '',
    workspace text NOT NULL DEFAULT '',
    service text NOT NULL DEFAULT '',
    outcome smallint NOT NULL,
    status_code integer NOT NULL DEFAULT 0,
    status_message text NOT NULL DEFAULT '',
    authorization_reason text NOT NULL DEFAULT '',
    request_id text NOT NULL DEFAULT '',
    trace_id text NOT NULL DEFAULT '',
    client_address text NOT NULL DEFAULT '',
    user_agent text NOT NULL DEFAULT '',
    details text NOT NULL DEFAULT '{}',
    prev_hash text NOT NULL,
    hash text NOT NULL
);
CREATE INDEX events_actor ON activity.events (actor, sequence);
CREATE INDEX events_workspace ON activity.events (workspace, sequence) WHERE workspace <> '';
CREATE INDEX events_resource ON activity.events (resource text_pattern_ops);
CREATE INDEX events_action ON activity.events (action text_pattern_ops);
CREATE INDEX events_time ON activity.events (event_time);
CREATE INDEX events_request ON activity.events (request_id) WHERE request_id <> '';

-- The chain head: one row, locked FOR UPDATE by every append, so events get their
-- sequence numbers and predecessors in one order across every replica.
CREATE TABLE activity.chain_head (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    sequence bigint NOT NULL,
    hash text NOT NULL,
    event_time timestamptz
);
INSERT INTO activity.chain_head (id, sequence, hash)
VALUES (true, 0, '0000000000000000000000000000000000000000000000000000000000000000');
