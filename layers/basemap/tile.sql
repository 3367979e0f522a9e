-- One vector tile of the offline base map, drawn from our own geography (executed at request time by
-- layers.basemap.tiles with the named parameters z, x and y).
--
-- Layers: province (boundaries at low zoom), municipality, submunicipality (deelgemeenten), neighbourhood
-- (wijken), each as polygons, plus *_label points (ST_PointOnSurface of the whole area, so a label appears
-- in exactly one tile). Geometry is simplified in the storage CRS to about one tile unit before it is
-- transformed: cheap, and invisible after ST_AsMVTGeom snaps it to the 4096 grid.
--
-- The tile envelope is clipped to a box around Belgium before it is transformed to EPSG:31370, so tiles far
-- away (or the whole world at zoom 0) never ask PROJ for coordinates Lambert 72 cannot express; then the
-- GiST indexes on the stored geometries (&&) pick the rows.
WITH params AS MATERIALIZED (
    SELECT %(z)s::integer AS z,
           ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_ClipByBox2D(
               ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 64.0 / 4096),
               ST_Transform(ST_MakeEnvelope(2.0, 49.2, 7.0, 51.9, 4326), 3857)
           ) AS clipped,
           -- half a screen pixel (4 of the 4096 tile units; a tile is drawn 512 px wide) in metres on the ground
           -- (Web Mercator metres times cos(51°))
           40075016.685578488 / (2 ^ %(z)s) / 4096 * 0.63 * 4 AS unit
),
bounds AS MATERIALIZED (
    SELECT z, tile, unit,
           CASE WHEN ST_IsEmpty(clipped) THEN NULL
                ELSE ST_Transform(ST_Segmentize(clipped, ST_Perimeter(clipped) / 64), 31370) END AS area
    FROM params
),
province AS (
    SELECT p.code, p.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_Simplify(p.geom, b.unit), 3857), b.tile, 4096, 64, true) AS geom
    FROM bounds b JOIN areas_province p ON p.geom && b.area
    WHERE b.z <= 9
),
municipality AS (
    SELECT m.code, m.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_Simplify(m.geom, b.unit), 3857), b.tile, 4096, 64, true) AS geom
    FROM bounds b JOIN areas_municipality m ON m.geom && b.area
    WHERE b.z >= 6
),
municipality_label AS (
    SELECT m.code, m.name_nl AS name, m.population,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(m.geom), 3857), b.tile, 4096, 0, true) AS geom
    FROM bounds b JOIN areas_municipality m ON m.geom && b.area
    WHERE b.z >= 8
),
submunicipality AS (
    SELECT s.code, s.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_Simplify(s.geom, b.unit), 3857), b.tile, 4096, 64, true) AS geom
    FROM bounds b JOIN areas_submunicipality s ON s.geom && b.area
    WHERE b.z >= 10
),
submunicipality_label AS (
    SELECT s.code, s.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(s.geom), 3857), b.tile, 4096, 0, true) AS geom
    FROM bounds b JOIN areas_submunicipality s ON s.geom && b.area
    WHERE b.z >= 11
),
neighbourhood AS (
    SELECT n.code, n.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_Simplify(n.geom, b.unit), 3857), b.tile, 4096, 64, true) AS geom
    FROM bounds b JOIN areas_neighbourhood n ON n.geom && b.area
    WHERE b.z >= 12
),
neighbourhood_label AS (
    SELECT n.code, n.name_nl AS name,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(n.geom), 3857), b.tile, 4096, 0, true) AS geom
    FROM bounds b JOIN areas_neighbourhood n ON n.geom && b.area
    WHERE b.z >= 13
)
-- A FILTER, not a WHERE: ST_AsMVTGeom runs once per row.
SELECT COALESCE((SELECT ST_AsMVT(province.*, 'province', 4096, 'geom') FILTER (WHERE geom IS NOT NULL)
                 FROM province), '')
    || COALESCE((SELECT ST_AsMVT(municipality.*, 'municipality', 4096, 'geom') FILTER (WHERE geom IS NOT NULL)
                 FROM municipality), '')
    || COALESCE((SELECT ST_AsMVT(municipality_label.*, 'municipality_label', 4096, 'geom')
                        FILTER (WHERE geom IS NOT NULL) FROM municipality_label), '')
    || COALESCE((SELECT ST_AsMVT(submunicipality.*, 'submunicipality', 4096, 'geom') FILTER (WHERE geom IS NOT NULL)
                 FROM submunicipality), '')
    || COALESCE((SELECT ST_AsMVT(submunicipality_label.*, 'submunicipality_label', 4096, 'geom')
                        FILTER (WHERE geom IS NOT NULL) FROM submunicipality_label), '')
    || COALESCE((SELECT ST_AsMVT(neighbourhood.*, 'neighbourhood', 4096, 'geom') FILTER (WHERE geom IS NOT NULL)
                 FROM neighbourhood), '')
    || COALESCE((SELECT ST_AsMVT(neighbourhood_label.*, 'neighbourhood_label', 4096, 'geom')
                        FILTER (WHERE geom IS NOT NULL) FROM neighbourhood_label), '')
