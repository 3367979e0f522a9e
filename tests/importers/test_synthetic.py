"""The synthetic benchmark generator: marked as samples everywhere, placed on real geography."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, QuerySet

from geo.areas.models import Address, ServiceArea
from geo.directory.models import Location, Organisation
from geo.directory.selectors import organisations_serving
from geo.directory.services import organisation_refresh_effective_area
from importers.synthetic import BENCHMARK_SOURCE, synthetic_delete, synthetic_generate

pytestmark = pytest.mark.django_db


def _benchmark_set() -> QuerySet[Organisation]:
    return Organisation.objects.filter(source__code=BENCHMARK_SOURCE)


@pytest.fixture
def generated() -> list[Organisation]:
    synthetic_generate(organisations=150, seed=7)
    return list(Organisation.objects.filter(source__code=BENCHMARK_SOURCE).select_related("effective_area"))


def test_generated_records_are_marked_placed_on_real_geography_and_mixed(generated: list[Organisation]) -> None:
    assert len(generated) == 150
    assert all(org.name.startswith("Voorbeeld ") and org.source.is_synthetic for org in generated)
    locations = Location.objects.filter(organisation__in=generated).select_related("municipality")
    assert locations.count() >= 150 and not locations.filter(is_synthetic=False).exists()
    for location in locations[:60]:
        assert location.municipality.geom.contains(location.point)
        assert Address.objects.filter(point=location.point, house_number=location.house_number).exists()
    per_category = _benchmark_set().values("categories__code").annotate(n=Count("id"))
    assert len(per_category) >= 10
    assert max(row["n"] for row in per_category) < 150 * 0.4


def test_effective_areas_follow_the_data_model_rule(generated: list[Organisation]) -> None:
    for org in generated[:40]:
        before = org.effective_area_id
        assert organisation_refresh_effective_area(organisation=org).pk == before
        main = org.locations.get(is_main=True)
        assert org in organisations_serving(point=main.point)


def test_the_same_seed_gives_the_same_data_set() -> None:
    synthetic_generate(organisations=30, seed=3)
    first = list(_benchmark_set().order_by("external_id").values_list("name", flat=True))
    synthetic_delete()
    synthetic_generate(organisations=30, seed=3)
    again = list(_benchmark_set().order_by("external_id").values_list("name", flat=True))
    assert first == again


def test_delete_removes_samples_and_their_unused_areas(generated: list[Organisation]) -> None:
    areas = ServiceArea.objects.count()
    real_with_area = Organisation.objects.filter(is_synthetic=False, effective_area__isnull=False).count()
    samples = Organisation.objects.filter(source__code="synthetic").count()
    synthetic_delete()
    assert not Organisation.objects.filter(source__code=BENCHMARK_SOURCE).exists()
    assert Organisation.objects.filter(source__code="synthetic").count() == samples  # the demo's samples stay
    assert ServiceArea.objects.count() < areas
    # Areas that real organisations use are kept.
    assert Organisation.objects.filter(is_synthetic=False, effective_area__isnull=False).count() == real_with_area


def test_the_command_refuses_to_mix_two_runs() -> None:
    call_command("generate_synthetic", "--organisations", "20", "--seed", "1")
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_synthetic", "--organisations", "20", "--seed", "2")
    with pytest.raises(CommandError, match="--organisations"):
        call_command("generate_synthetic", "--organisations", "0", "--replace")


def _index_file(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relfilenode FROM pg_class WHERE relname = %s", [name])
        (file_node,) = cursor.fetchone()
    return int(file_node)


def test_replacing_or_deleting_the_set_rebuilds_the_directory_indexes() -> None:
    """After hundreds of thousands of deleted rows the indexes are rebuilt compactly (a new file each)."""
    call_command("generate_synthetic", "--organisations", "20", "--seed", "1")
    before = _index_file("organisation_serving_cover")
    out = StringIO()
    call_command("generate_synthetic", "--organisations", "20", "--seed", "2", "--replace", stdout=out)
    assert "indexen van" in out.getvalue()
    rebuilt = _index_file("organisation_serving_cover")
    assert rebuilt != before
    assert Organisation.objects.filter(source__code=BENCHMARK_SOURCE).count() == 20
    call_command("generate_synthetic", "--delete", stdout=StringIO())
    assert _index_file("organisation_serving_cover") != rebuilt
