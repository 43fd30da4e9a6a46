-- Glossaries and terms, lineage edges, and what assets need to carry both.
--
-- 0001 is being tuned for search performance by another change; this file only adds to
-- it. The one thing it redefines is the column list of the `assets_search` trigger (not
-- its function), so that a change of the glossary words recomputes the search vector.

CREATE TABLE catalog.glossaries (
    id text PRIMARY KEY,
    display_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    owners text[] NOT NULL DEFAULT '{}',
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX glossaries_display_name ON catalog.glossaries (lower(display_name));

CREATE TABLE catalog.glossary_terms (
    glossary_id text NOT NULL REFERENCES catalog.glossaries (id) ON DELETE CASCADE,
    id text NOT NULL,
    display_name text NOT NULL,
    definition text NOT NULL DEFAULT '',
    synonyms text[] NOT NULL DEFAULT '{}',
    related_terms text[] NOT NULL DEFAULT '{}',
    parent_term text NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{}',
    classification_labels text[] NOT NULL DEFAULT '{}',
    status smallint NOT NULL DEFAULT 1,
    stewards text[] NOT NULL DEFAULT '{}',
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    -- The name assets refer to the term by, in catalog.assets.terms.
    name text GENERATED ALWAYS AS ('glossaries/' || glossary_id || '/terms/' || id) STORED,
    PRIMARY KEY (glossary_id, id)
);
CREATE UNIQUE INDEX glossary_terms_display_name
    ON catalog.glossary_terms (glossary_id, lower(display_name));
CREATE UNIQUE INDEX glossary_terms_name ON catalog.glossary_terms (name);

-- Tags are what people set (own_tags) plus what assigned terms carry; `tags` holds the
-- union, so search, filters and facets need no join. term_text holds the display names
-- and synonyms of the assigned terms, for search.
ALTER TABLE catalog.assets
    ADD COLUMN own_tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN term_text text NOT NULL DEFAULT '';
UPDATE catalog.assets SET own_tags = tags;

-- Appends the glossary words to the search vector the `assets_search` trigger built,
-- weighted like tags. Triggers fire in name order: `assets_search_terms` runs after
-- `assets_search`, and on the same columns, so it always appends to a fresh vector.
CREATE FUNCTION catalog.assets_term_search_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.term_text <> '' THEN
        NEW.search_vector := NEW.search_vector ||
            setweight(to_tsvector('simple', catalog.words(left(NEW.term_text, 4000))), 'B');
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER assets_search ON catalog.assets;
CREATE TRIGGER assets_search BEFORE INSERT OR UPDATE OF display_name, tags, classifications,
    qualified_name, description, source_description, term_text ON catalog.assets
    FOR EACH ROW EXECUTE FUNCTION catalog.assets_search_trigger();
CREATE TRIGGER assets_search_terms BEFORE INSERT OR UPDATE OF display_name, tags,
    classifications, qualified_name, description, source_description, term_text
    ON catalog.assets
    FOR EACH ROW EXECUTE FUNCTION catalog.assets_term_search_trigger();

-- Lineage: table -> table or column -> column, inside one workspace. An edge is known by
-- its source, target and process: a second job moving the same data is a second edge.
CREATE TABLE catalog.lineage_edges (
    id text PRIMARY KEY,
    workspace text NOT NULL,
    source_id text NOT NULL REFERENCES catalog.assets (id) ON DELETE CASCADE,
    target_id text NOT NULL REFERENCES catalog.assets (id) ON DELETE CASCADE,
    column_level boolean NOT NULL,
    process text NOT NULL DEFAULT '',
    transformation text NOT NULL DEFAULT '',
    origin smallint NOT NULL,
    -- Labels that propagate from source to target (opt-in per label).
    propagated_labels text[] NOT NULL DEFAULT '{}',
    create_time timestamptz NOT NULL DEFAULT now(),
    CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX lineage_edges_known ON catalog.lineage_edges (source_id, target_id, process);
CREATE INDEX lineage_edges_target ON catalog.lineage_edges (target_id);
CREATE INDEX lineage_edges_workspace ON catalog.lineage_edges (workspace, id);
