DROP FUNCTION IF EXISTS layers_service_area_tile(integer, integer, integer, text, bigint, bigint);
DROP FUNCTION IF EXISTS layers_location_tile(integer, integer, integer, text, bigint, bigint);
DROP FUNCTION IF EXISTS layers_matching_organisations(text, bigint, bigint);
DROP FUNCTION IF EXISTS layers_tile_bounds(integer, integer, integer);
DROP MATERIALIZED VIEW IF EXISTS layers_service_area_generalised;
DROP FUNCTION IF EXISTS layers_service_area_generalised_rows();
DROP FUNCTION IF EXISTS layers_zoom_band(integer);
