"""Sample organisations: only for rubrics without real records, marked synthetic, removable with one switch."""

from __future__ import annotations

import io

import pytest

from geo.directory.models import Organisation
from importers.sample import SampleImporter, SampleRemover, rubrics_without_real_records

pytestmark = pytest.mark.django_db


def test_samples_fill_only_rubrics_without_real_records_and_are_marked() -> None:
    samples = Organisation.objects.filter(external_id__startswith="sample:")
    assert samples.exists()
    assert not samples.filter(is_synthetic=False).exists()
    assert not samples.filter(categories__code__in=["gezondheid.apotheken", "justitie.vredegerechten"]).exists()
    assert set(samples.values_list("categories__code", flat=True)) == {c.code for c in rubrics_without_real_records()}
    name = samples.filter(categories__code="kinderen.kinderopvang").values_list("name", flat=True).first()
    assert name.startswith("Voorbeeld kinderopvang ")
    gent = samples.first().locations.get().municipality
    assert all(gent.geom.contains(loc.point) for o in samples for loc in o.locations.all())


def test_no_sample_removes_them_and_a_rerun_brings_them_back() -> None:
    count = Organisation.objects.filter(external_id__startswith="sample:").count()
    SampleRemover(stdout=io.StringIO()).run()
    assert not Organisation.objects.filter(is_synthetic=True, external_id__startswith="sample:").exists()
    run = SampleImporter(stdout=io.StringIO()).run()
    assert run.created == count
    again = SampleImporter(stdout=io.StringIO()).run()
    assert (again.created, again.updated) == (0, 0)
