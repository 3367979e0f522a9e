# SQL views of the public rows (WFS) and the vector-tile functions, from layers/gis/sql/.

from django.db import migrations

from layers.gis.sqlfiles import run_sql_file


class Migration(migrations.Migration):
    dependencies = [
        ("layers", "0001_layer_registry"),
    ]

    operations = [
        run_sql_file("public_views_v1"),
        run_sql_file("tiles_v1"),
    ]
