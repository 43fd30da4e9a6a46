-- A scan inserts its assets thousands to a statement, and the search trigger parsed
-- each one's whole qualified name: the fifteen columns of a table repeat its name word
-- for word, so the same prefix was parsed sixteen times, and the trigger was about half
-- of an insert's cost. The scan's insert now builds the vectors itself, set-wise: each
-- distinct prefix parsed once, each column's own words once. The trigger still builds
-- them on insert for rows that come without one, and on every update that can change
-- them. Both compose the vector with the functions below, so the two cannot drift apart.

-- The labels a search finds an asset by: those of its classifications not suppressed.
CREATE FUNCTION catalog.label_set(classifications jsonb) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    IF classifications = '[]'::jsonb THEN
        RETURN '{}';
    END IF;
    RETURN ARRAY(
        SELECT DISTINCT c ->> 'label' FROM jsonb_array_elements(classifications) c
        WHERE NOT coalesce((c ->> 'suppressed')::boolean, false) ORDER BY 1);
END $$;

-- The search vector from its parts; the caller parses the two that a batch can share
-- (the display name's words, and the qualified name's, which a prefix can supply).
-- A plain SQL expression, which PostgreSQL inlines into the statement that calls it; it
-- is STABLE as array_to_string is (an IMMUTABLE function over it is not inlined). Where
-- a part is blank its words are left out: the same vector as parsing the blank.
CREATE FUNCTION catalog.asset_vector(
    name_words tsvector, tags text[], labels text[], qualified_words tsvector,
    description text, source_description text, term_text text
) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(name_words, 'A')
        || CASE WHEN cardinality(tags) + cardinality(labels) > 0
            THEN setweight(to_tsvector('simple', catalog.words(
                array_to_string(tags, ' ') || ' ' || array_to_string(labels, ' '))), 'B')
            ELSE ''::tsvector END
        || setweight(qualified_words, 'C')
        || CASE WHEN description <> '' OR source_description <> ''
            THEN setweight(to_tsvector('simple', catalog.words(
                left(description || ' ' || source_description, 4000))), 'D')
            ELSE ''::tsvector END
        || CASE WHEN term_text <> ''
            THEN setweight(to_tsvector('simple', catalog.words(left(term_text, 4000))), 'B')
            ELSE ''::tsvector END
$$;

CREATE OR REPLACE FUNCTION catalog.assets_search_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_folded := catalog.fold(NEW.display_name);
    NEW.labels := catalog.label_set(NEW.classifications);
    NEW.search_vector := catalog.asset_vector(
        to_tsvector('simple', catalog.words(NEW.display_name)), NEW.tags, NEW.labels,
        to_tsvector('simple', catalog.words(NEW.qualified_name)), NEW.description,
        NEW.source_description, NEW.term_text);
    RETURN NEW;
END $$;

DROP TRIGGER assets_search ON catalog.assets;
CREATE TRIGGER assets_search BEFORE UPDATE OF display_name, tags, classifications,
    qualified_name, description, source_description, term_text ON catalog.assets
    FOR EACH ROW EXECUTE FUNCTION catalog.assets_search_trigger();
-- An insert that brings its vector brings name_folded and labels with it.
CREATE TRIGGER assets_search_insert BEFORE INSERT ON catalog.assets
    FOR EACH ROW WHEN (NEW.search_vector = ''::tsvector)
    EXECUTE FUNCTION catalog.assets_search_trigger();
