-- Vector tiles built in PostGIS (layers.gis.tiles calls these functions).
--
-- v2: the tile envelope is computed once (a MATERIALIZED CTE, not re-evaluated per candidate row), ST_AsMVTGeom
-- once per row (an aggregate FILTER instead of a pushed-down WHERE), and no JIT.
--
-- JIT is off for the tile functions: compiling costs more (60-100 ms) than a tile query takes.
-- Storage is EPSG:31370: the tile envelope (plus a 64/4096 buffer, densified so its curved edges stay right)
-- is transformed once to 31370 and the GiST indexes on the stored geometries do the spatial filter; only the
-- few rows inside are transformed to 3857 for ST_AsMVTGeom.

-- Zoom bands of the generalised service areas: tolerance ~ 1/4 screen pixel at the band's deepest zoom.
CREATE OR REPLACE FUNCTION layers_zoom_band(z integer) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE WHEN z <= 7 THEN 0 WHEN z <= 10 THEN 1 WHEN z <= 13 THEN 2 ELSE 3 END)::smallint
$$;

CREATE OR REPLACE FUNCTION layers_service_area_generalised_rows()
RETURNS TABLE (service_area_id bigint, band smallint, geom geometry(MultiPolygon, 3857))
LANGUAGE sql STABLE AS $$
    SELECT sa.id, b.band,
           ST_Multi(ST_CollectionExtract(ST_MakeValid(
               ST_SimplifyPreserveTopology(ST_Transform(sa.geom, 3857), b.tolerance)), 3))::geometry(MultiPolygon, 3857)
    FROM areas_servicearea sa
    CROSS JOIN (VALUES (0::smallint, 300.0::float8), (1::smallint, 40.0), (2::smallint, 5.0), (3::smallint, 0.5))
        AS b(band, tolerance)
$$;

-- Refreshed by layers.gis.services.service_area_generalised_refresh(); an area created since the last refresh
-- is still drawn (from its full geometry) until then.
CREATE MATERIALIZED VIEW IF NOT EXISTS layers_service_area_generalised AS
    SELECT * FROM layers_service_area_generalised_rows();
CREATE UNIQUE INDEX IF NOT EXISTS layers_sag_area_band ON layers_service_area_generalised (service_area_id, band);

-- The tile envelope in 3857 and the same area, buffered and densified, in the storage CRS.
CREATE OR REPLACE FUNCTION layers_tile_bounds(z integer, x integer, y integer)
RETURNS TABLE (tile geometry, query_area geometry)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_TileEnvelope(z, x, y),
           ST_Transform(ST_Segmentize(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096),
                                      40075016.685578488 / (2 ^ z) / 8), 31370)
$$;

-- The organisations of a layer (category subtree) that match the optional keyword / target group filter.
-- A keyword or target group matches on the organisation itself or on one of its published services.
-- Callers skip it when there is no filter at all, and use it as `o.id IN (...)`: a hashed subplan, run once.
CREATE OR REPLACE FUNCTION layers_matching_organisations(
    category_path text, keyword_id bigint, target_group_id bigint
) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT o.id FROM directory_organisation o
    WHERE (category_path IS NULL OR o.id IN (
               SELECT oc.organisation_id FROM directory_organisation_categories oc
               JOIN directory_category c ON c.id = oc.category_id
               WHERE c.path = category_path OR c.path LIKE category_path || '/%'))
      AND (keyword_id IS NULL
           OR o.id IN (SELECT ok.organisation_id FROM directory_organisation_keywords ok
                       WHERE ok.keyword_id = layers_matching_organisations.keyword_id)
           OR o.id IN (SELECT s.organisation_id FROM directory_service s
                       JOIN directory_service_keywords sk ON sk.service_id = s.id
                       WHERE s.status = 'published' AND sk.keyword_id = layers_matching_organisations.keyword_id))
      AND (target_group_id IS NULL
           OR o.id IN (SELECT ot.organisation_id FROM directory_organisation_target_groups ot
                       WHERE ot.targetgroup_id = layers_matching_organisations.target_group_id)
           OR o.id IN (SELECT s.organisation_id FROM directory_service s
                       JOIN directory_service_target_groups st ON st.service_id = s.id
                       WHERE s.status = 'published'
                         AND st.targetgroup_id = layers_matching_organisations.target_group_id))
$$;

-- Locations of one layer: id, name, category (the most specific one inside the layer), municipality, voorbeeld/label.
CREATE OR REPLACE FUNCTION layers_location_tile(
    z integer, x integer, y integer, category_path text, keyword_id bigint, target_group_id bigint
) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE SET jit = off AS $$
    -- MATERIALIZED: the envelope is computed once, not again for every candidate row.
    WITH bounds AS MATERIALIZED (SELECT * FROM layers_tile_bounds(z, x, y)),
    features AS (
        SELECT l.id,
               o.id AS organisation_id,
               COALESCE(NULLIF(l.name, ''), o.name)::text AS name,
               category.name::text AS category,
               category.code::text AS category_code,
               COALESCE(m.name_nl, NULLIF(l.municipality_name, ''))::text AS municipality,
               (o.is_synthetic OR l.is_synthetic) AS voorbeeld,
               CASE WHEN o.is_synthetic OR l.is_synthetic THEN 'voorbeeld' ELSE '' END AS label,
               ST_AsMVTGeom(ST_Transform(l.point, 3857), bounds.tile, 4096, 64, true) AS geom
        FROM bounds
        JOIN directory_location l ON l.point && bounds.query_area AND ST_Intersects(l.point, bounds.query_area)
        JOIN directory_organisation o ON o.id = l.organisation_id
        LEFT JOIN areas_municipality m ON m.id = l.municipality_id
        LEFT JOIN LATERAL (
            SELECT c.name, c.code FROM directory_organisation_categories oc
            JOIN directory_category c ON c.id = oc.category_id
            WHERE oc.organisation_id = o.id
              AND (category_path IS NULL OR c.path = category_path OR c.path LIKE category_path || '/%')
            ORDER BY length(c.path) - length(replace(c.path, '/', '')) DESC, c.path LIMIT 1
        ) category ON true
        WHERE l.status = 'published' AND o.status = 'published'
          AND ((category_path IS NULL AND keyword_id IS NULL AND target_group_id IS NULL)
               OR o.id IN (SELECT * FROM layers_matching_organisations(category_path, keyword_id, target_group_id)))
    )
    -- A FILTER, not a WHERE: ST_AsMVTGeom runs once per row (a WHERE would be pushed down and run it twice).
    SELECT COALESCE(ST_AsMVT(features.*, 'locations', 4096, 'geom', 'id') FILTER (WHERE geom IS NOT NULL), ''::bytea)
    FROM features
$$;

-- Service areas of one layer's organisations: one feature per distinct area, with how many organisations of
-- the layer serve it; geometry from the generalised copy of the tile's zoom band.
CREATE OR REPLACE FUNCTION layers_service_area_tile(
    z integer, x integer, y integer, category_path text, keyword_id bigint, target_group_id bigint
) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE SET jit = off AS $$
    WITH bounds AS MATERIALIZED (SELECT * FROM layers_tile_bounds(z, x, y)),
    served AS (
        SELECT sa.id, count(*) AS organisations, bool_and(o.is_synthetic) AS voorbeeld
        FROM bounds
        JOIN areas_servicearea sa ON sa.geom && bounds.query_area
        JOIN directory_organisation o ON o.effective_area_id = sa.id
        WHERE o.status = 'published'
          AND ((category_path IS NULL AND keyword_id IS NULL AND target_group_id IS NULL)
               OR o.id IN (SELECT * FROM layers_matching_organisations(category_path, keyword_id, target_group_id)))
        GROUP BY sa.id
    ),
    features AS (
        SELECT served.id, sa.name::text AS name, served.organisations, served.voorbeeld,
               CASE WHEN served.voorbeeld THEN 'voorbeeld' ELSE '' END AS label,
               ST_AsMVTGeom(COALESCE(g.geom, ST_Transform(sa.geom, 3857)), bounds.tile, 4096, 64, true) AS geom
        FROM served
        CROSS JOIN bounds
        JOIN areas_servicearea sa ON sa.id = served.id
        LEFT JOIN layers_service_area_generalised g ON g.service_area_id = served.id AND g.band = layers_zoom_band(z)
    )
    SELECT COALESCE(ST_AsMVT(features.*, 'service_areas', 4096, 'geom', 'id') FILTER (WHERE geom IS NOT NULL), ''::bytea)
    FROM features
$$;
