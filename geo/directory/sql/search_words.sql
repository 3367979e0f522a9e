-- Typo tolerance by spelling correction (the approach of the PostgreSQL manual, F.35.5): every word of the
-- organisations' names and terms goes into a small word list with a trigram index; a query word that is not
-- in the list is replaced by its closest word (geo.directory.search) before the full-text match. This
-- replaces the trigram match on terms_text of 0003, which scanned the whole table for common words.

CREATE TABLE directory_search_word (word text PRIMARY KEY);
CREATE INDEX directory_search_word_trgm ON directory_search_word USING gin (word gin_trgm_ops);
DROP INDEX IF EXISTS directory_orgsearch_terms_trgm;

CREATE OR REPLACE FUNCTION directory_search_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM directory_organisation_search s
    WHERE s.organisation_id = ANY (ids)
      AND NOT EXISTS (SELECT 1 FROM directory_organisation o WHERE o.id = s.organisation_id);

    WITH assigned AS (  -- categories of the organisation and of its services
        SELECT oc.organisation_id, oc.category_id FROM directory_organisation_categories oc
        WHERE oc.organisation_id = ANY (ids)
        UNION
        SELECT s.organisation_id, sc.category_id FROM directory_service_categories sc
        JOIN directory_service s ON s.id = sc.service_id WHERE s.organisation_id = ANY (ids)
    ), category_names AS (  -- with every ancestor, so "justitie" finds a vredegerecht
        SELECT a.organisation_id, string_agg(DISTINCT anc.name, ' | ') AS names
        FROM assigned a
        JOIN directory_category c ON c.id = a.category_id
        JOIN directory_category anc ON anc.path = c.path OR c.path LIKE anc.path || '/%'
        GROUP BY a.organisation_id
    ), keyword_names AS (
        SELECT k.organisation_id, string_agg(DISTINCT kw.name, ' | ') AS names FROM (
            SELECT ok.organisation_id, ok.keyword_id FROM directory_organisation_keywords ok
            WHERE ok.organisation_id = ANY (ids)
            UNION
            SELECT s.organisation_id, sk.keyword_id FROM directory_service_keywords sk
            JOIN directory_service s ON s.id = sk.service_id WHERE s.organisation_id = ANY (ids)
        ) k JOIN directory_keyword kw ON kw.id = k.keyword_id
        GROUP BY k.organisation_id
    ), service_texts AS (
        SELECT s.organisation_id, string_agg(s.name, ' | ') AS names, string_agg(s.description, ' ') AS descriptions
        FROM directory_service s WHERE s.organisation_id = ANY (ids) AND s.status = 'published'
        GROUP BY s.organisation_id
    ), people AS (  -- public contacts only: professional-only names must not be findable anonymously
        SELECT c.organisation_id, string_agg(c.name || ' ' || c.role, ' | ') AS names
        FROM directory_contact c WHERE c.organisation_id = ANY (ids) AND c.visibility = 'public'
        GROUP BY c.organisation_id
    ), location_names AS (
        SELECT l.organisation_id, string_agg(l.name, ' | ') AS names
        FROM directory_location l WHERE l.organisation_id = ANY (ids) AND l.name <> ''
        GROUP BY l.organisation_id
    ), texts AS (
        SELECT o.id,
               o.name || ' ' || array_to_string(o.alternate_names, ' ') AS names,
               concat_ws(' | ', st.names, kn.names, cn.names) AS terms,
               concat_ws(' | ', pe.names, ln.names) AS people,
               concat_ws(' ', o.description, st.descriptions) AS descriptions
        FROM directory_organisation o
        LEFT JOIN service_texts st ON st.organisation_id = o.id
        LEFT JOIN keyword_names kn ON kn.organisation_id = o.id
        LEFT JOIN category_names cn ON cn.organisation_id = o.id
        LEFT JOIN people pe ON pe.organisation_id = o.id
        LEFT JOIN location_names ln ON ln.organisation_id = o.id
        WHERE o.id = ANY (ids)
    ), saved AS (
    INSERT INTO directory_organisation_search AS s (organisation_id, document, name_document, name_text, terms_text)
    SELECT t.id,
           setweight(to_tsvector('public.dutch_unaccent', t.names), 'A')
           || setweight(to_tsvector('public.dutch_unaccent', t.terms), 'B')
           || setweight(to_tsvector('public.dutch_unaccent', t.people), 'C')
           || setweight(to_tsvector('public.dutch_unaccent', t.descriptions), 'D'),
           to_tsvector('public.dutch_unaccent', t.names),
           lower(public.unaccent(t.names)),
           lower(public.unaccent(t.terms))
    FROM texts t
    ON CONFLICT (organisation_id) DO UPDATE SET
        document = EXCLUDED.document, name_document = EXCLUDED.name_document,
        name_text = EXCLUDED.name_text, terms_text = EXCLUDED.terms_text
    RETURNING s.name_text, s.terms_text
    )
    INSERT INTO directory_search_word (word)
    SELECT DISTINCT w FROM saved, regexp_split_to_table(saved.name_text || ' ' || saved.terms_text, '[^[:alnum:]]+') AS w
    WHERE length(w) >= 3
    ON CONFLICT DO NOTHING;
$$;

INSERT INTO directory_search_word (word)
SELECT DISTINCT w FROM directory_organisation_search s,
     regexp_split_to_table(s.name_text || ' ' || s.terms_text, '[^[:alnum:]]+') AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;
