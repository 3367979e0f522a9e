-- Back to v1: the same signatures, so CREATE OR REPLACE in public_views_v1.sql restores them.
-- Public rows for WFS: only public fields of published records (layers.models.PublicLocation/PublicServiceArea).
--
-- Each view selects from a set-returning SQL function instead of the tables directly. PostgreSQL inlines such a
-- function into the calling query (LANGUAGE sql, STABLE, one SELECT), so filters still reach the GiST indexes,
-- but a view on a function records no dependency on the directory's columns: other apps' migrations can keep
-- altering those columns without first dropping these views.

CREATE OR REPLACE FUNCTION layers_public_location_rows()
RETURNS TABLE (
    id bigint, organisation_id bigint, name text, organisation_name text, category text, category_code text,
    rubrics text, street text, house_number text, box_number text, postcode text, municipality text,
    municipality_code text, phone text, email text, website text, operational_status text,
    is_synthetic boolean, label text, point geometry(Point, 31370)
)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT
        l.id,
        o.id,
        COALESCE(NULLIF(l.name, ''), o.name)::text,
        o.name::text,
        first_category.name::text,
        first_category.code::text,
        COALESCE(rubric_list.codes, '')::text,
        l.street::text, l.house_number::text, l.box_number::text, l.postcode::text,
        COALESCE(m.name_nl, NULLIF(l.municipality_name, ''))::text,
        m.code::text,
        l.phone::text, l.email::text, o.website::text, o.operational_status::text,
        (o.is_synthetic OR l.is_synthetic),
        CASE WHEN o.is_synthetic OR l.is_synthetic THEN 'voorbeeld' ELSE '' END,
        l.point
    FROM directory_location l
    JOIN directory_organisation o ON o.id = l.organisation_id
    LEFT JOIN areas_municipality m ON m.id = l.municipality_id
    LEFT JOIN LATERAL (
        SELECT c.name, c.code FROM directory_organisation_categories oc
        JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = o.id
        ORDER BY length(c.path) - length(replace(c.path, '/', '')) DESC, c.path LIMIT 1
    ) first_category ON true
    LEFT JOIN LATERAL (
        SELECT string_agg(DISTINCT split_part(c.path, '/', 1), ',') AS codes FROM directory_organisation_categories oc
        JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = o.id
    ) rubric_list ON true
    WHERE o.status = 'published' AND l.status = 'published' AND l.point IS NOT NULL
$$;

CREATE OR REPLACE VIEW layers_public_location AS SELECT * FROM layers_public_location_rows();

-- One row per published organisation with a werkingsgebied: its effective area (the explicit one, else the
-- municipalities of its locations). Organisations without locations reach GIS clients only through this.
CREATE OR REPLACE FUNCTION layers_public_service_area_rows()
RETURNS TABLE (
    id bigint, organisation_name text, service_area_id bigint, service_area_name text, explicit boolean,
    has_locations boolean, category text, category_code text, rubrics text, website text,
    operational_status text, is_synthetic boolean, label text, geom geometry(MultiPolygon, 31370)
)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT
        o.id,
        o.name::text,
        sa.id,
        sa.name::text,
        o.service_area_id IS NOT NULL,
        EXISTS (
            SELECT 1 FROM directory_location l
            WHERE l.organisation_id = o.id AND l.status = 'published' AND l.point IS NOT NULL
        ),
        first_category.name::text,
        first_category.code::text,
        COALESCE(rubric_list.codes, '')::text,
        o.website::text, o.operational_status::text,
        o.is_synthetic,
        CASE WHEN o.is_synthetic THEN 'voorbeeld' ELSE '' END,
        sa.geom
    FROM directory_organisation o
    JOIN areas_servicearea sa ON sa.id = o.effective_area_id
    LEFT JOIN LATERAL (
        SELECT c.name, c.code FROM directory_organisation_categories oc
        JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = o.id
        ORDER BY length(c.path) - length(replace(c.path, '/', '')) DESC, c.path LIMIT 1
    ) first_category ON true
    LEFT JOIN LATERAL (
        SELECT string_agg(DISTINCT split_part(c.path, '/', 1), ',') AS codes FROM directory_organisation_categories oc
        JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = o.id
    ) rubric_list ON true
    WHERE o.status = 'published'
$$;

CREATE OR REPLACE VIEW layers_public_service_area AS SELECT * FROM layers_public_service_area_rows();
