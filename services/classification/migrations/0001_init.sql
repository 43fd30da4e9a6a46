CREATE SCHEMA IF NOT EXISTS classification;

-- Custom classifiers of a workspace. Built-ins live in code, not here.
CREATE TABLE classification.classifiers (
    workspace_id text NOT NULL,
    id text NOT NULL,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    category smallint NOT NULL,
    sensitivity smallint NOT NULL,
    data_patterns text[] NOT NULL DEFAULT '{}',
    column_name_patterns text[] NOT NULL DEFAULT '{}',
    dictionary text[] NOT NULL DEFAULT '{}',
    dictionary_case_sensitive boolean NOT NULL DEFAULT false,
    validator smallint NOT NULL DEFAULT 0,
    min_match_threshold double precision NOT NULL DEFAULT 0,
    column_name_threshold double precision NOT NULL DEFAULT 0,
    min_distinct_matches integer NOT NULL DEFAULT 0,
    find_in_text boolean NOT NULL DEFAULT false,
    suppresses text[] NOT NULL DEFAULT '{}',
    countries text[] NOT NULL DEFAULT '{}',
    creator text NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX classifiers_display_name
    ON classification.classifiers (workspace_id, lower(display_name));

-- Which classifiers a scan applies.
CREATE TABLE classification.rule_sets (
    workspace_id text NOT NULL,
    id text NOT NULL,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    classifiers text[] NOT NULL DEFAULT '{}',
    excluded_classifiers text[] NOT NULL DEFAULT '{}',
    categories smallint[] NOT NULL DEFAULT '{}',
    min_confidence double precision NOT NULL DEFAULT 0,
    workspace_default boolean NOT NULL DEFAULT false,
    creator text NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX rule_sets_display_name
    ON classification.rule_sets (workspace_id, lower(display_name));
-- At most one default rule set per workspace.
CREATE UNIQUE INDEX rule_sets_default
    ON classification.rule_sets (workspace_id) WHERE workspace_default;

CREATE TABLE classification.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
