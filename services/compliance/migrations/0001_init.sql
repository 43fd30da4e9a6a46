-- Compliance: workspace policies, evaluations, the latest outcome of every (rule, asset)
-- check, violations with their history, waivers, and the scores each evaluation computed.
CREATE SCHEMA IF NOT EXISTS compliance;

-- request_id -> the resource a Create (or an EvaluateCompliance) made, for safe retries.
CREATE TABLE compliance.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compliance.policies (
    workspace text NOT NULL,
    id text NOT NULL,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    framework text NOT NULL DEFAULT '',          -- framework id (`gdpr`), '' for custom
    rules jsonb NOT NULL,                        -- [Rule as proto3 JSON]
    scopes text[] NOT NULL DEFAULT '{}',
    enabled boolean NOT NULL DEFAULT true,
    source_pack_version text NOT NULL DEFAULT '',
    labels jsonb NOT NULL DEFAULT '{}',
    creator text NOT NULL DEFAULT '',
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    version bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (workspace, id)
);
CREATE UNIQUE INDEX policies_display_name ON compliance.policies (workspace, lower(display_name));

CREATE TABLE compliance.evaluations (
    workspace text NOT NULL,
    id text NOT NULL,
    scope text NOT NULL DEFAULT '',              -- '' for the whole workspace
    policy_filter text[] NOT NULL DEFAULT '{}',  -- as requested: policy ids
    framework_filter text[] NOT NULL DEFAULT '{}',
    policies text[] NOT NULL DEFAULT '{}',       -- policy names actually evaluated
    state smallint NOT NULL,
    trigger smallint NOT NULL,
    trigger_resource text NOT NULL DEFAULT '',
    initiator text NOT NULL DEFAULT '',
    operation text NOT NULL DEFAULT '',
    assets_evaluated bigint NOT NULL DEFAULT 0,
    rules_evaluated integer NOT NULL DEFAULT 0,
    checks bigint NOT NULL DEFAULT 0,
    checks_failed bigint NOT NULL DEFAULT 0,
    checks_undecided bigint NOT NULL DEFAULT 0,
    violations_opened bigint NOT NULL DEFAULT 0,
    violations_resolved bigint NOT NULL DEFAULT 0,
    violations_open bigint NOT NULL DEFAULT 0,
    violations_waived bigint NOT NULL DEFAULT 0,
    error bytea,                                 -- a serialized google.rpc.Status
    create_time timestamptz NOT NULL DEFAULT now(),
    end_time timestamptz,
    -- Refreshed while a process works on it; a stale one was abandoned by a dead process.
    heartbeat_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, id)
);
CREATE INDEX evaluations_recent ON compliance.evaluations (workspace, create_time DESC, id DESC);
CREATE INDEX evaluations_active ON compliance.evaluations (state, heartbeat_time)
    WHERE state IN (1, 2);

-- The latest decided outcome of each (policy, rule, asset) check: what scores count.
CREATE TABLE compliance.checks (
    workspace text NOT NULL,
    policy_id text NOT NULL,
    rule_id text NOT NULL,
    asset text NOT NULL,                         -- workspaces/{ws}/assets/{asset}
    data_source text NOT NULL DEFAULT '',
    ancestors text[] NOT NULL DEFAULT '{}',      -- asset names above it, nearest first
    framework text NOT NULL DEFAULT '',
    controls text[] NOT NULL DEFAULT '{}',
    severity smallint NOT NULL,
    outcome smallint NOT NULL,                   -- RuleResult.Outcome: PASSED, FAILED, ERROR
    evaluation_id text NOT NULL,
    check_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, policy_id, rule_id, asset)
);
CREATE INDEX checks_data_source ON compliance.checks (workspace, data_source);
CREATE INDEX checks_ancestors ON compliance.checks USING gin (ancestors);

CREATE TABLE compliance.violations (
    workspace text NOT NULL,
    id text NOT NULL,
    policy_id text NOT NULL,
    rule_id text NOT NULL,
    rule_display_name text NOT NULL DEFAULT '',
    framework text NOT NULL DEFAULT '',
    controls text[] NOT NULL DEFAULT '{}',
    severity smallint NOT NULL,
    asset text NOT NULL,
    asset_qualified_name text NOT NULL DEFAULT '',
    asset_type text NOT NULL DEFAULT '',
    data_source text NOT NULL DEFAULT '',
    ancestors text[] NOT NULL DEFAULT '{}',
    reason text NOT NULL DEFAULT '',
    remediation text NOT NULL DEFAULT '',
    facts jsonb NOT NULL DEFAULT '{}',
    status smallint NOT NULL,                    -- Violation.Status
    waiver text NOT NULL DEFAULT '',             -- waiver id, when WAIVED
    resolution text NOT NULL DEFAULT '',
    first_seen_time timestamptz NOT NULL DEFAULT now(),
    last_seen_time timestamptz NOT NULL DEFAULT now(),
    resolve_time timestamptz,
    last_evaluation text NOT NULL DEFAULT '',    -- evaluation id
    PRIMARY KEY (workspace, id)
);
-- At most one live (OPEN or WAIVED) violation per check; RESOLVED ones are history.
CREATE UNIQUE INDEX violations_live ON compliance.violations (workspace, policy_id, rule_id, asset)
    WHERE status <> 3;
CREATE INDEX violations_order ON compliance.violations
    (workspace, status, severity DESC, last_seen_time DESC, id DESC);
CREATE INDEX violations_asset ON compliance.violations (workspace, asset);
CREATE INDEX violations_ancestors ON compliance.violations USING gin (ancestors);

CREATE TABLE compliance.waivers (
    workspace text NOT NULL,
    id text NOT NULL,
    violation_id text NOT NULL DEFAULT '',       -- the violation it was asked for, if any
    policy_id text NOT NULL,
    rule_id text NOT NULL DEFAULT '',            -- '' for every rule of the policy
    asset text NOT NULL DEFAULT '',              -- one asset...
    scope text NOT NULL DEFAULT '',              -- ...or everything under this resource
    justification text NOT NULL,
    expire_time timestamptz NOT NULL,
    state smallint NOT NULL,                     -- Waiver.State
    requester text NOT NULL,
    approver text NOT NULL DEFAULT '',
    decision_comment text NOT NULL DEFAULT '',
    decision_time timestamptz,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    version bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (workspace, id)
);
CREATE INDEX waivers_expiry ON compliance.waivers (workspace, expire_time, id);
CREATE INDEX waivers_in_force ON compliance.waivers (state, expire_time) WHERE state IN (1, 2);

-- The scores each evaluation computed, per framework and `overall`, for trends.
CREATE TABLE compliance.scores (
    workspace text NOT NULL,
    evaluation_id text NOT NULL,
    framework text NOT NULL,                     -- framework id or `overall`
    score bytea NOT NULL,                        -- a serialized ComplianceScore
    compute_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, evaluation_id, framework)
);
CREATE INDEX scores_history ON compliance.scores (workspace, framework, compute_time DESC);
