"""The raw SQL of the GIS layer lives in versioned .sql files beside this module, applied by migrations.

A change is a new file (`tiles_v2.sql` + its `_reverse.sql`) and a new migration, so old migrations keep
applying exactly what they applied before.
"""

from __future__ import annotations

from pathlib import Path

from django.db import migrations

SQL_DIR = Path(__file__).resolve().parent / "sql"


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def run_sql_file(name: str) -> migrations.RunSQL:
    """A RunSQL operation for `<name>.sql`, reversed by `<name>_reverse.sql`."""
    return migrations.RunSQL(sql=read_sql(f"{name}.sql"), reverse_sql=read_sql(f"{name}_reverse.sql"))
