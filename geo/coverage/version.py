"""The directory's data version: a cheap fingerprint that changes whenever a coverage answer could change.

Counts and latest change of organisations, locations and services, the id range of service areas, and
checksums of the relations a rubric filter reads (rubrics, keywords, target groups), of the population
figures, and the stored imports of the BeST address register. No signals: every writer (importers, admin,
services, raw SQL) is caught because it is read from the tables themselves. About a dozen aggregate scans,
a few milliseconds on the benchmark set.
"""

from __future__ import annotations

import hashlib

from django.db import connection

_VERSION_SQL = """
SELECT concat_ws('|',
    (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(id), 0)
     FROM directory_organisation),
    (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(id), 0)
     FROM directory_location),
    (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM directory_service),
    (SELECT count(*) || ':' || coalesce(max(id), 0) FROM areas_servicearea),
    (SELECT count(*) || ':' || coalesce(sum(organisation_id * 7919 + category_id), 0)
     FROM directory_organisation_categories),
    (SELECT count(*) || ':' || coalesce(sum(service_id * 7919 + category_id), 0) FROM directory_service_categories),
    (SELECT count(*) || ':' || coalesce(sum(organisation_id * 7919 + keyword_id), 0)
     FROM directory_organisation_keywords),
    (SELECT count(*) || ':' || coalesce(sum(service_id * 7919 + keyword_id), 0) FROM directory_service_keywords),
    (SELECT count(*) || ':' || coalesce(sum(organisation_id * 7919 + targetgroup_id), 0)
     FROM directory_organisation_target_groups),
    (SELECT count(*) || ':' || coalesce(sum(service_id * 7919 + targetgroup_id), 0)
     FROM directory_service_target_groups),
    (SELECT coalesce(sum(population), 0) || ':' || count(population) FROM areas_municipality),
    (SELECT coalesce(sum(population), 0) || ':' || count(population) FROM areas_statisticalsector),
    -- the address register (distances per address point): every stored BeST import changes it
    (SELECT count(*) || ':' || coalesce(max(finished_at)::text, '') FROM importers_importrun
     WHERE importer = 'register.best_address' AND outcome = 'succeeded')
)
"""


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        (text,) = cursor.fetchone() or ("",)
    return hashlib.sha256(str(text).encode()).hexdigest()[:32]
