-- Scans write tens of thousands of assets at a time, and the search trigger folded and
-- split five texts per row through SQL functions that PostgreSQL cannot inline (they
-- call the STABLE unaccent), each call paying for a fresh executor. The same results,
-- computed in PL/pgSQL, with the expensive steps skipped where they cannot change
-- anything: unaccent's rules map only non-ASCII characters, and the camelCase split only
-- applies where there are capitals.

CREATE OR REPLACE FUNCTION catalog.fold(t text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    IF octet_length(t) = char_length(t) THEN
        RETURN lower(t);  -- ASCII
    END IF;
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, t));
END $$;

CREATE OR REPLACE FUNCTION catalog.words(t text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    IF lower(t) <> t THEN
        t := regexp_replace(t, '([a-z0-9])([A-Z])', '\1 \2', 'g');
    END IF;
    RETURN catalog.fold(regexp_replace(t, '[^[:alnum:]]+', ' ', 'g'));
END $$;

-- A rescan touches every asset it sees (last_scan_time). With full pages that update
-- moved the row and added entries to all ten indexes, GIN ones included; free space on
-- each page lets PostgreSQL update in place (HOT), since last_scan_time is not indexed.
-- Applies to pages written from now on.
ALTER TABLE catalog.assets SET (fillfactor = 75);
