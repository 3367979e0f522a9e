-- Stored search document of every organisation, kept up to date by statement-level triggers.
--
-- Why a table maintained by triggers: the document spans the organisation, its services, keywords,
-- categories (with their ancestors) and public contacts, which importers, the admin and the synthetic
-- generator change through many code paths. Triggers keep it right whichever path writes, inside the
-- writer's own transaction (a rolled-back import leaves no trace). Statement-level triggers with
-- transition tables refresh each affected organisation once per statement, so bulk writes stay cheap.

-- Dutch stemming on unaccented words: "café" and "cafe", "Patiënten" and "patienten" match.
CREATE TEXT SEARCH CONFIGURATION public.dutch_unaccent (COPY = pg_catalog.dutch);
ALTER TEXT SEARCH CONFIGURATION public.dutch_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.dutch_stem;

CREATE TABLE directory_organisation_search (
    organisation_id bigint PRIMARY KEY,
    -- weights: A names, B services/keywords/categories, C public contacts and location names, D descriptions
    document tsvector NOT NULL,
    name_document tsvector NOT NULL,
    -- lower(unaccent(...)) copies for trigram typo tolerance and autocomplete
    name_text text NOT NULL,
    terms_text text NOT NULL
);
CREATE INDEX directory_orgsearch_document_gin ON directory_organisation_search USING gin (document);
CREATE INDEX directory_orgsearch_name_trgm ON directory_organisation_search USING gin (name_text gin_trgm_ops);
CREATE INDEX directory_orgsearch_terms_trgm ON directory_organisation_search USING gin (terms_text gin_trgm_ops);

CREATE FUNCTION directory_search_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
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
    )
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
        name_text = EXCLUDED.name_text, terms_text = EXCLUDED.terms_text;
$$;

-- Organisation rows: refresh inserted and changed ones, drop deleted ones.
CREATE FUNCTION directory_search_on_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM directory_organisation_search s USING old_rows o WHERE s.organisation_id = o.id;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM directory_search_refresh(ARRAY(SELECT id FROM new_rows));
    ELSE
        PERFORM directory_search_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.name, n.alternate_names, n.description) IS DISTINCT FROM (o.name, o.alternate_names, o.description)
        ));
    END IF;
    RETURN NULL;
END $$;

-- Rows that carry organisation_id: organisation keywords/categories, services, contacts, locations.
CREATE FUNCTION directory_search_on_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM directory_search_refresh(ARRAY(SELECT DISTINCT organisation_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM directory_search_refresh(ARRAY(SELECT DISTINCT organisation_id FROM old_rows));
    ELSE
        PERFORM directory_search_refresh(ARRAY(
            SELECT organisation_id FROM new_rows UNION SELECT organisation_id FROM old_rows
        ));
    END IF;
    RETURN NULL;
END $$;

-- Service keywords/categories: the organisation is reached through the service.
CREATE FUNCTION directory_search_on_service_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM directory_search_refresh(ARRAY(
            SELECT DISTINCT s.organisation_id FROM new_rows r JOIN directory_service s ON s.id = r.service_id));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM directory_search_refresh(ARRAY(
            SELECT DISTINCT s.organisation_id FROM old_rows r JOIN directory_service s ON s.id = r.service_id));
    ELSE
        PERFORM directory_search_refresh(ARRAY(
            SELECT s.organisation_id FROM new_rows r JOIN directory_service s ON s.id = r.service_id
            UNION SELECT s.organisation_id FROM old_rows r JOIN directory_service s ON s.id = r.service_id));
    END IF;
    RETURN NULL;
END $$;

-- A renamed keyword or category changes the document of every organisation that uses it.
CREATE FUNCTION directory_search_on_term_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'directory_keyword' THEN
        PERFORM directory_search_refresh(ARRAY(
            SELECT ok.organisation_id FROM directory_organisation_keywords ok
            JOIN new_rows n ON n.id = ok.keyword_id JOIN old_rows o ON o.id = n.id WHERE n.name <> o.name
            UNION
            SELECT s.organisation_id FROM directory_service_keywords sk JOIN directory_service s ON s.id = sk.service_id
            JOIN new_rows n ON n.id = sk.keyword_id JOIN old_rows o ON o.id = n.id WHERE n.name <> o.name));
    ELSE
        -- a category's subtree inherits its name (ancestors are part of the document)
        PERFORM directory_search_refresh(ARRAY(
            SELECT oc.organisation_id FROM directory_organisation_categories oc
            JOIN directory_category c ON c.id = oc.category_id
            JOIN new_rows n ON c.path = n.path OR c.path LIKE n.path || '/%'
            JOIN old_rows o ON o.id = n.id WHERE (n.name, n.path) IS DISTINCT FROM (o.name, o.path)
            UNION
            SELECT s.organisation_id FROM directory_service_categories sc
            JOIN directory_service s ON s.id = sc.service_id JOIN directory_category c ON c.id = sc.category_id
            JOIN new_rows n ON c.path = n.path OR c.path LIKE n.path || '/%'
            JOIN old_rows o ON o.id = n.id WHERE (n.name, n.path) IS DISTINCT FROM (o.name, o.path)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER search_organisation_insert AFTER INSERT ON directory_organisation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_organisation();
CREATE TRIGGER search_organisation_update AFTER UPDATE ON directory_organisation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_organisation();
CREATE TRIGGER search_organisation_delete AFTER DELETE ON directory_organisation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_organisation();

DO $$
DECLARE
    child text;
    link text;
BEGIN
    FOREACH child IN ARRAY ARRAY['directory_organisation_keywords', 'directory_organisation_categories',
                                 'directory_service', 'directory_contact', 'directory_location'] LOOP
        EXECUTE format('CREATE TRIGGER search_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_child()', child);
        EXECUTE format('CREATE TRIGGER search_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
                       'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_child()', child);
        EXECUTE format('CREATE TRIGGER search_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_child()', child);
    END LOOP;
    FOREACH link IN ARRAY ARRAY['directory_service_keywords', 'directory_service_categories'] LOOP
        EXECUTE format('CREATE TRIGGER search_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_service_link()', link);
        EXECUTE format('CREATE TRIGGER search_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
                       'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_service_link()',
                       link);
        EXECUTE format('CREATE TRIGGER search_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_service_link()', link);
    END LOOP;
END $$;

CREATE TRIGGER search_keyword_rename AFTER UPDATE ON directory_keyword
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_term_rename();
CREATE TRIGGER search_category_rename AFTER UPDATE ON directory_category
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION directory_search_on_term_rename();

SELECT directory_search_refresh(ARRAY(SELECT id FROM directory_organisation));
