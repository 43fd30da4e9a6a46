-- The search trigger runs for every asset a scan writes. Most scanned assets have no
-- classifications, tags, description or source description, yet each row paid for a
-- subquery over an empty array and two word splits of a blank string. Same vectors as
-- before (the parts keep their order, so positions and ranks do not move); empty parts
-- are skipped.
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
    NEW.search_vector := vector;
    RETURN NEW;
END $$;
