-- Long-running work of every service, in one store so any server can answer for it
-- (the google.longrunning Operations mixin pattern).
CREATE SCHEMA IF NOT EXISTS operations;

CREATE TABLE operations.operations (
    id text PRIMARY KEY,
    kind text NOT NULL,
    target text NOT NULL DEFAULT '',
    state smallint NOT NULL,
    progress double precision NOT NULL DEFAULT 0,
    status_message text NOT NULL DEFAULT '',
    metadata bytea,              -- a serialized google.protobuf.Any
    error bytea,                 -- a serialized google.rpc.Status
    response bytea,              -- a serialized google.protobuf.Any
    creator text NOT NULL DEFAULT '',
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    end_time timestamptz
);
CREATE INDEX operations_recent ON operations.operations (create_time DESC, id DESC);
CREATE INDEX operations_target ON operations.operations (target, create_time DESC);
