"""The directory's data version: changes whenever a coverage answer could change.

Database triggers (migration coverage 0004) add one row to coverage_directorychange per transaction that
inserts, deletes or really changes a row of a table the coverage reads (organisations, locations, services,
rubrics and their links, service areas, units and their population, the address register). The version is
the number of rows (one per writing transaction: a small table, read in well under a millisecond), and it is
exact — a writer's row becomes visible when its change does, so an answer is never cached under a version
that already counts a change it did not see. No signals: importers, the admin, services and raw SQL are all
seen.
"""

from __future__ import annotations

import hashlib

from django.db import connection

# Committed writers: the number of rows (and the newest). A transaction that has written itself adds its
# session's change counter, so it never reads an answer cached before its own latest change.
_VERSION_SQL = """
SELECT count(*) || ':' || coalesce(max(id), 0) || coalesce((
    SELECT ':' || currval('coverage_change_seq') FROM coverage_directorychange
    WHERE txid = txid_current_if_assigned()), '')
FROM coverage_directorychange
"""


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        (text,) = cursor.fetchone() or ("",)
    return hashlib.sha256(str(text).encode()).hexdigest()[:32]
