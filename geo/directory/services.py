"""Writes for the directory. Importers, the admin and (later) the API all change data through these."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from geo.areas.models import Municipality, ServiceArea
from geo.areas.services import service_area_from_units
from geo.directory.models import Category, Keyword, Location, Organisation, TargetGroup

DATA_DIR = Path(__file__).resolve().parent / "data"


class DirectoryError(ValueError):
    pass


def category_save(*, category: Category) -> Category:
    """Save a category and keep the materialised paths of it and its subtree right."""
    old_path = category.path
    category.path = category.compute_path()
    if category.parent_id and category.pk and category.path.startswith(f"{old_path}/"):
        raise DirectoryError(f"category {category.code} cannot be its own ancestor")
    with transaction.atomic():
        category.save()
        if old_path and old_path != category.path:
            for child in category.children.all():
                category_save(category=child)
    return category


def categories_seed(*, path: Path = DATA_DIR / "categories.csv") -> int:
    """Create or update the rubric tree from the CSV (code, parent, name, description). Returns rows changed."""
    changed = 0
    with path.open(encoding="utf-8") as handle, transaction.atomic():
        for row in csv.DictReader(handle):
            parent = Category.objects.get(code=row["parent"]) if row["parent"] else None
            sort_order = changed
            category = Category.objects.filter(code=row["code"]).first()
            wanted = {"name": row["name"], "description": row["description"], "parent": parent}
            if category is None:
                category = Category(code=row["code"], sort_order=sort_order, **wanted)
            elif all(getattr(category, key) == value for key, value in wanted.items()):
                continue
            else:
                for key, value in wanted.items():
                    setattr(category, key, value)
            category_save(category=category)
            changed += 1
    return changed


def target_groups_seed(*, path: Path = DATA_DIR / "target_groups.csv") -> int:
    changed = 0
    with path.open(encoding="utf-8") as handle, transaction.atomic():
        for row in csv.DictReader(handle):
            _, created = TargetGroup.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "description": row["description"]}
            )
            changed += int(created)
    return changed


def keyword_get_or_create(*, name: str) -> Keyword:
    name = " ".join(name.split()).lower()
    if not name:
        raise DirectoryError("a keyword cannot be empty")
    keyword, _ = Keyword.objects.get_or_create(slug=slugify(name)[:100], defaults={"name": name})
    return keyword


def location_municipality(*, location: Location) -> Municipality | None:
    """The municipality of a location: the polygon its point lies in, else the only one of its postcode."""
    if location.point is not None:
        found = Municipality.objects.filter(geom__intersects=location.point).first()
        if found is not None:
            return found
    if location.postcode:
        candidates = list(Municipality.objects.filter(postal_areas__postcode=location.postcode)[:2])
        if len(candidates) == 1:
            return candidates[0]
    return None


def organisation_refresh_effective_area(*, organisation: Organisation) -> ServiceArea | None:
    """Apply the service-area rule (docs/data-model.md):

    an explicit service area wins; without one, an organisation serves the municipalities where its
    published locations are. No area and no located location: who-serves cannot find it (nearest still can).
    """
    area: ServiceArea | None = organisation.service_area
    if area is None:
        municipality_ids = (
            organisation.locations.exclude(status="archived")
            .exclude(municipality=None)
            .values_list("municipality_id", flat=True)
            .distinct()
        )
        municipalities = list(Municipality.objects.filter(pk__in=list(municipality_ids)).exclude(geom=None))
        if municipalities:
            area, _ = service_area_from_units(units=municipalities)
    if organisation.effective_area_id != (area.pk if area else None):
        organisation.effective_area = area
        Organisation.objects.filter(pk=organisation.pk).update(effective_area=area)
    return area
