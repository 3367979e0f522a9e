"""A word list for spelling correction of search queries (see ../sql/search_words.sql)."""

from pathlib import Path

from django.db import migrations

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


def _refresh_function_of_0003() -> str:
    """The refresh function as 0003 made it: the reverse of this migration puts it back."""
    source = (SQL_DIR / "search_document.sql").read_text(encoding="utf-8")
    start = source.index("CREATE FUNCTION directory_search_refresh")
    end = source.index("$$;", start) + 3
    return source[start:end].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0003_search_document"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(SQL_DIR / "search_words.sql").read_text(encoding="utf-8"),
            reverse_sql=(
                _refresh_function_of_0003()
                + "\nDROP TABLE IF EXISTS directory_search_word;"
                + "\nCREATE INDEX directory_orgsearch_terms_trgm ON directory_organisation_search"
                + " USING gin (terms_text gin_trgm_ops);"
            ),
        ),
    ]
