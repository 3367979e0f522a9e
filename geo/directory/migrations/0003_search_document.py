"""The stored full-text/trigram search document of organisations (see ../sql/search_document.sql)."""

from pathlib import Path

from django.db import migrations

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


class Migration(migrations.Migration):

    dependencies = [
        ("areas", "0001_initial_geography"),  # pg_trgm and unaccent
        ("directory", "0002_operational_status_and_professional_permission"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(SQL_DIR / "search_document.sql").read_text(encoding="utf-8"),
            reverse_sql=(SQL_DIR / "search_document_reverse.sql").read_text(encoding="utf-8"),
        ),
    ]
