-- A first scan inserts every asset of a source; each row paid for three things it did not
-- need.
--
-- 1. A history row saying it was created. The asset itself says that (create_time and,
--    from now on, created_by), and ListAssetChanges reads the entry from it. Assets
--    created before this keep the history row they have (created_by stays empty for
--    them); the entry is read from the asset only where created_by is set.
ALTER TABLE catalog.assets ADD COLUMN created_by text NOT NULL DEFAULT '';

-- 2. Entries in four GIN indexes for arrays that are empty on nearly every scanned asset
--    (an empty array still gets an entry). The filters that use them say the array is
--    not empty, which lets the planner use these partial indexes.
DROP INDEX catalog.assets_tags;
DROP INDEX catalog.assets_owners;
DROP INDEX catalog.assets_labels;
DROP INDEX catalog.assets_terms;
CREATE INDEX assets_tags ON catalog.assets USING gin (tags) WHERE tags <> '{}';
CREATE INDEX assets_owners ON catalog.assets USING gin (owners) WHERE owners <> '{}';
CREATE INDEX assets_labels ON catalog.assets USING gin (labels) WHERE labels <> '{}';
CREATE INDEX assets_terms ON catalog.assets USING gin (terms) WHERE terms <> '{}';

-- 3. Two PL/pgSQL trigger calls building its search vector: the glossary part now ends
--    the one function (the same vector: it was appended last before too).
CREATE OR REPLACE FUNCTION catalog.assets_search_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    extra text;
    prose text;
    vector tsvector;
BEGIN
    NEW.name_folded := catalog.fold(NEW.display_name);
    IF NEW.classifications = '[]'::jsonb THEN
        NEW.labels := '{}';
    ELSE
        NEW.labels := ARRAY(
            SELECT DISTINCT c ->> 'label' FROM jsonb_array_elements(NEW.classifications) c
            WHERE NOT coalesce((c ->> 'suppressed')::boolean, false) ORDER BY 1);
    END IF;
    vector := setweight(to_tsvector('simple', catalog.words(NEW.display_name)), 'A');
    extra := array_to_string(NEW.tags, ' ') || ' ' || array_to_string(NEW.labels, ' ');
    IF extra <> ' ' THEN
        vector := vector || setweight(to_tsvector('simple', catalog.words(extra)), 'B');
    END IF;
    vector := vector || setweight(to_tsvector('simple', catalog.words(NEW.qualified_name)), 'C');
    prose := left(NEW.description || ' ' || NEW.source_description, 4000);
    IF prose <> ' ' THEN
        vector := vector || setweight(to_tsvector('simple', catalog.words(prose)), 'D');
    END IF;
    IF NEW.term_text <> '' THEN
        vector := vector ||
            setweight(to_tsvector('simple', catalog.words(left(NEW.term_text, 4000))), 'B');
    END IF;
    NEW.search_vector := vector;
    RETURN NEW;
END $$;
DROP TRIGGER assets_search_terms ON catalog.assets;
DROP FUNCTION catalog.assets_term_search_trigger();
