"""The data version that keys cached coverage answers: every real change moves it, a no-op does not."""

from __future__ import annotations

import pytest
from django.db import connection

from geo.coverage.version import data_version
from geo.directory.models import Category, Location, Organisation

pytestmark = pytest.mark.django_db


def test_writing_the_same_values_keeps_the_version() -> None:
    before = data_version()
    categories = list(Category.objects.all()[:5])
    assert categories  # the rubric tree is seeded by a migration
    for category in categories:
        category.save()  # what a second `make import` does to the rubric tree
    assert data_version() == before


def test_raw_sql_and_every_later_change_in_the_same_transaction_move_it() -> None:
    before = data_version()
    location = Location.objects.exclude(point=None).first()
    assert location is not None
    with connection.cursor() as cursor:  # a writer that no Python signal would see
        cursor.execute("UPDATE directory_location SET point = ST_Translate(point, 50, 0) WHERE id = %s", [location.pk])
    after_move = data_version()
    assert after_move != before
    organisation = Organisation.objects.filter(status="published").first()
    assert organisation is not None
    organisation.categories.add(Category.objects.exclude(organisations=organisation).first())
    assert data_version() != after_move  # the same transaction reads its own second change too
