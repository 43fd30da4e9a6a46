CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE SCHEMA IF NOT EXISTS catalog;

-- unaccent() is STABLE (its dictionary could change); this wrapper pins the dictionary so
-- it can feed index expressions and the search trigger.
CREATE FUNCTION catalog.fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Splits identifiers into words: customer_email, customerEmail and shop.public.orders all
-- become separate words, so "customer email" finds them.
CREATE FUNCTION catalog.words(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT catalog.fold(regexp_replace(regexp_replace($1, '([a-z0-9])([A-Z])', '\1 \2', 'g'),
                                            '[^[:alnum:]]+', ' ', 'g')) $$;

CREATE TABLE catalog.assets (
    id text PRIMARY KEY,
    workspace text NOT NULL,
    qualified_name text NOT NULL,
    type smallint NOT NULL,
    display_name text NOT NULL,
    parent_id text REFERENCES catalog.assets (id) ON DELETE CASCADE,
    data_source text NOT NULL DEFAULT '',
    source_description text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    owners text[] NOT NULL DEFAULT '{}',
    stewards text[] NOT NULL DEFAULT '{}',
    tags text[] NOT NULL DEFAULT '{}',
    terms text[] NOT NULL DEFAULT '{}',
    classifications jsonb NOT NULL DEFAULT '[]',
    -- Active (not suppressed) classification labels, kept by the trigger for filters.
    labels text[] NOT NULL DEFAULT '{}',
    column_info jsonb,
    table_info jsonb,
    properties jsonb NOT NULL DEFAULT '{}',
    retention_days integer NOT NULL DEFAULT 0,
    protected boolean NOT NULL DEFAULT false,
    deleted boolean NOT NULL DEFAULT false,
    version bigint NOT NULL DEFAULT 1,
    create_time timestamptz NOT NULL DEFAULT now(),
    update_time timestamptz NOT NULL DEFAULT now(),
    last_scan_time timestamptz,
    -- Search columns, maintained by the trigger below.
    name_folded text NOT NULL DEFAULT '',
    search_vector tsvector NOT NULL DEFAULT ''::tsvector
);

CREATE UNIQUE INDEX assets_qualified_name ON catalog.assets (workspace, qualified_name COLLATE "C");
CREATE INDEX assets_parent ON catalog.assets (parent_id, qualified_name COLLATE "C");
CREATE INDEX assets_search ON catalog.assets USING gin (search_vector);
CREATE INDEX assets_name_trgm ON catalog.assets USING gin (name_folded gin_trgm_ops);
CREATE INDEX assets_name_prefix ON catalog.assets (workspace, name_folded text_pattern_ops);
CREATE INDEX assets_tags ON catalog.assets USING gin (tags);
CREATE INDEX assets_owners ON catalog.assets USING gin (owners);
CREATE INDEX assets_labels ON catalog.assets USING gin (labels);
CREATE INDEX assets_terms ON catalog.assets USING gin (terms);
CREATE INDEX assets_source ON catalog.assets (workspace, data_source);

CREATE FUNCTION catalog.assets_search_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_folded := catalog.fold(NEW.display_name);
    NEW.labels := ARRAY(
        SELECT DISTINCT c ->> 'label' FROM jsonb_array_elements(NEW.classifications) c
        WHERE NOT coalesce((c ->> 'suppressed')::boolean, false) ORDER BY 1);
    NEW.search_vector :=
        setweight(to_tsvector('simple', catalog.words(NEW.display_name)), 'A') ||
        setweight(to_tsvector('simple', catalog.words(array_to_string(NEW.tags, ' ') || ' ' ||
                                                      array_to_string(NEW.labels, ' '))), 'B') ||
        setweight(to_tsvector('simple', catalog.words(NEW.qualified_name)), 'C') ||
        setweight(to_tsvector('simple', catalog.words(left(NEW.description || ' ' ||
                                                           NEW.source_description, 4000))), 'D');
    RETURN NEW;
END $$;

CREATE TRIGGER assets_search BEFORE INSERT OR UPDATE OF display_name, tags, classifications,
    qualified_name, description, source_description ON catalog.assets
    FOR EACH ROW EXECUTE FUNCTION catalog.assets_search_trigger();

CREATE TABLE catalog.asset_changes (
    id bigserial PRIMARY KEY,
    asset_id text NOT NULL,
    workspace text NOT NULL,
    version bigint NOT NULL,
    kind smallint NOT NULL,
    changed_fields text[] NOT NULL DEFAULT '{}',
    before jsonb NOT NULL DEFAULT '{}',
    after jsonb NOT NULL DEFAULT '{}',
    actor text NOT NULL,
    change_time timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX asset_changes_asset ON catalog.asset_changes (asset_id, id DESC);

CREATE TABLE catalog.idempotency (
    request_id text PRIMARY KEY,
    resource text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);
