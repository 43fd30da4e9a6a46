-- The scan service: definitions, runs, their event logs and issues, the work queue the
-- scan workers of every process share, and what each data source held at its last scan
-- (for incremental runs and drift).
CREATE SCHEMA IF NOT EXISTS scan;

CREATE TABLE scan.scans (
    workspace text NOT NULL,
    data_source text NOT NULL,
    id text NOT NULL,
    display_name text NOT NULL,
    spec bytea NOT NULL,                 -- a serialized Scan holding the editable fields
    schedule_enabled boolean NOT NULL DEFAULT false,
    next_run_time timestamptz,
    creator text NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    last_run text NOT NULL DEFAULT '',
    last_run_state smallint NOT NULL DEFAULT 0,
    last_success_time timestamptz,
    PRIMARY KEY (workspace, data_source, id)
);
CREATE UNIQUE INDEX scans_display_name
    ON scan.scans (workspace, data_source, lower(display_name));
CREATE INDEX scans_due ON scan.scans (next_run_time) WHERE schedule_enabled;

CREATE TABLE scan.runs (
    id text PRIMARY KEY,
    workspace text NOT NULL,
    data_source text NOT NULL,
    scan_id text NOT NULL,
    state smallint NOT NULL,
    phase smallint NOT NULL,
    trigger smallint NOT NULL,
    initiator text NOT NULL,
    operation text NOT NULL,
    mode smallint NOT NULL,
    snapshot bytea NOT NULL,             -- the Scan as it was when the run started
    discovery_complete boolean NOT NULL DEFAULT false,
    -- Queue accounting: the run is finalized once every task it ever had is finished.
    tasks_total integer NOT NULL DEFAULT 0,
    tasks_finished integer NOT NULL DEFAULT 0,
    finalize_queued boolean NOT NULL DEFAULT false,
    -- Progress counters, moved when a task completes (never twice for one task).
    objects_total bigint NOT NULL DEFAULT 0,
    objects_done bigint NOT NULL DEFAULT 0,
    objects_failed bigint NOT NULL DEFAULT 0,
    columns_done bigint NOT NULL DEFAULT 0,
    warning_count integer NOT NULL DEFAULT 0,
    error_count integer NOT NULL DEFAULT 0,
    stats jsonb NOT NULL DEFAULT '{}',   -- report counters summed over completed tasks
    event_seq bigint NOT NULL DEFAULT 0,
    report bytea,                        -- a serialized ScanReport, once finished
    error bytea,                         -- a serialized google.rpc.Status, when failed
    create_time timestamptz NOT NULL DEFAULT now(),
    start_time timestamptz,
    end_time timestamptz,
    FOREIGN KEY (workspace, data_source, scan_id)
        REFERENCES scan.scans (workspace, data_source, id) ON DELETE CASCADE
);
CREATE INDEX runs_by_scan ON scan.runs (workspace, data_source, scan_id, create_time DESC, id DESC);
CREATE INDEX runs_by_source ON scan.runs (workspace, data_source, create_time DESC, id DESC);
-- At most one active run (pending, running, cancelling) per scan.
CREATE UNIQUE INDEX runs_one_active ON scan.runs (workspace, data_source, scan_id)
    WHERE state IN (1, 2, 3);

-- The work queue. A task is leased with SELECT ... FOR UPDATE SKIP LOCKED; a lease that
-- runs out (its worker died) makes the task claimable again. Finished tasks are deleted.
CREATE TABLE scan.tasks (
    id bigserial PRIMARY KEY,
    run_id text NOT NULL REFERENCES scan.runs (id) ON DELETE CASCADE,
    kind text NOT NULL,                  -- plan | objects | finalize
    priority smallint NOT NULL,
    state text NOT NULL DEFAULT 'pending',  -- pending | leased
    payload jsonb NOT NULL DEFAULT '[]',
    object_count integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    lease_owner text,
    lease_expires_at timestamptz,
    current_object text NOT NULL DEFAULT '',
    objects_done integer NOT NULL DEFAULT 0,  -- so far in this attempt, for live progress
    create_time timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_claimable ON scan.tasks (priority, id);
CREATE INDEX tasks_by_run ON scan.tasks (run_id, state);

-- Objects a run has queued, so a planner that is retried after its worker died does
-- not queue an object twice.
CREATE TABLE scan.run_objects (
    run_id text NOT NULL REFERENCES scan.runs (id) ON DELETE CASCADE,
    qualified_name text NOT NULL,
    PRIMARY KEY (run_id, qualified_name)
);

-- What each data source held when last scanned: objects and their containers.
CREATE TABLE scan.objects (
    workspace text NOT NULL,
    data_source text NOT NULL,
    qualified_name text NOT NULL,
    type smallint NOT NULL,              -- services.connectors.model.ObjectType
    path text[] NOT NULL,
    present boolean NOT NULL DEFAULT true,
    last_seen_time timestamptz NOT NULL DEFAULT now(),
    removed_run text,                    -- the run that found it gone
    fingerprint text NOT NULL DEFAULT '',  -- digest of the structure last catalogued
    modify_time timestamptz,
    columns jsonb NOT NULL DEFAULT '{}',   -- column name -> digest
    cache jsonb,                         -- labels and profiles, reused by incremental runs
    PRIMARY KEY (workspace, data_source, qualified_name)
);

CREATE TABLE scan.issues (
    run_id text NOT NULL REFERENCES scan.runs (id) ON DELETE CASCADE,
    id bigserial,
    severity smallint NOT NULL,
    issue bytea NOT NULL,                -- a serialized ScanIssue
    PRIMARY KEY (run_id, id)
);

CREATE TABLE scan.events (
    run_id text NOT NULL REFERENCES scan.runs (id) ON DELETE CASCADE,
    sequence bigint NOT NULL,
    payload bytea NOT NULL,              -- a serialized WatchScanRunResponse
    PRIMARY KEY (run_id, sequence)
);

CREATE TABLE scan.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
