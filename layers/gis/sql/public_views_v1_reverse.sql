DROP VIEW IF EXISTS layers_public_service_area;
DROP FUNCTION IF EXISTS layers_public_service_area_rows();
DROP VIEW IF EXISTS layers_public_location;
DROP FUNCTION IF EXISTS layers_public_location_rows();
