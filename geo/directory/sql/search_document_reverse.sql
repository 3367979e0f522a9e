-- Dropping the trigger functions drops their triggers with them.
DROP FUNCTION IF EXISTS directory_search_on_term_rename() CASCADE;
DROP FUNCTION IF EXISTS directory_search_on_service_link() CASCADE;
DROP FUNCTION IF EXISTS directory_search_on_child() CASCADE;
DROP FUNCTION IF EXISTS directory_search_on_organisation() CASCADE;
DROP FUNCTION IF EXISTS directory_search_refresh(bigint[]);
DROP TABLE IF EXISTS directory_organisation_search;
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.dutch_unaccent;
