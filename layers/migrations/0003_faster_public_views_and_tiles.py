# v2 of the public views and tile functions (see the header of each .sql file for what changed).

from django.db import migrations

from layers.gis.sqlfiles import run_sql_file


class Migration(migrations.Migration):
    dependencies = [
        ("layers", "0002_public_views_and_tiles"),
    ]

    operations = [
        run_sql_file("public_views_v2"),
        run_sql_file("tiles_v2"),
    ]
