"""Writes for the map layers: seed the layer registry and refresh the generalised service areas."""

from __future__ import annotations

from django.db import connection, transaction

from geo.directory.models import Category
from layers.models import ALL_LAYER_SLUG, Layer

# Colour (colour-blind-safe-ish qualitative palette) and icon per top-level rubriek; others get the fallback.
LAYER_STYLES: dict[str, tuple[str, str]] = {
    "algemeen": ("#1f78b4", "info"),
    "gezondheid": ("#e31a1c", "heart-pulse"),
    "ggz": ("#6a3d9a", "brain"),
    "thuiszorg": ("#fb9a99", "house-heart"),
    "relaties": ("#cab2d6", "people"),
    "werk": ("#ff7f00", "briefcase"),
    "huisvesting": ("#b15928", "house"),
    "justitie": ("#33a02c", "scale"),
    "kinderen": ("#fdbf6f", "child"),
    "jongeren": ("#a6cee3", "youth"),
    "jeugdhulp": ("#1b9e77", "hands"),
    "ouderen": ("#7570b3", "elderly"),
    "beperking": ("#e7298a", "accessible"),
    "migratie": ("#66a61e", "globe"),
    "armoede": ("#e6ab02", "basket"),
    "samenlevingsopbouw": ("#a6761d", "neighbourhood"),
    "overheden": ("#666666", "building"),
    "zorgverstrekkers": ("#d95f02", "stethoscope"),
}
FALLBACK_STYLE = ("#1f78b4", "circle")


@transaction.atomic
def layers_seed() -> int:
    """Create the missing layers: the "all" layer and one per top-level rubriek. Returns how many were created.

    Existing layers are never changed, so what editors set in the admin survives every import.
    """
    created = 0
    if not Layer.objects.filter(category=None).exists():
        Layer.objects.create(
            slug=ALL_LAYER_SLUG,
            title="Alle voorzieningen",
            description="Alle vestigingen van alle gepubliceerde voorzieningen, in één laag.",
            colour="#333333",
            icon="circle",
            sort_order=0,
            visible_by_default=False,
        )
        created += 1
    covered = set(Layer.objects.exclude(category=None).values_list("category_id", flat=True))
    for position, category in enumerate(Category.objects.filter(parent=None).order_by("sort_order", "path"), 1):
        if category.pk in covered:
            continue
        colour, icon = LAYER_STYLES.get(category.code, FALLBACK_STYLE)
        Layer.objects.create(
            slug=category.code,
            category=category,
            title=category.name,
            description=category.description,
            colour=colour,
            icon=icon,
            sort_order=position,
            visible_by_default=True,
        )
        created += 1
    return created


def service_area_generalised_in_sync() -> bool:
    """True when the generalised copy holds exactly the current service areas (areas are immutable once
    stored: a changed werkingsgebied is a new row with a new signature)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT NOT EXISTS (SELECT 1 FROM areas_servicearea sa WHERE NOT EXISTS (
                       SELECT 1 FROM layers_service_area_generalised g WHERE g.service_area_id = sa.id))
               AND NOT EXISTS (SELECT 1 FROM layers_service_area_generalised g WHERE NOT EXISTS (
                       SELECT 1 FROM areas_servicearea sa WHERE sa.id = g.service_area_id))
            """
        )
        (in_sync,) = cursor.fetchone()
    return bool(in_sync)


def service_area_generalised_refresh(*, force: bool = False) -> bool:
    """Recompute the per-zoom-band generalised service areas that the service-area tiles draw, when the set
    of areas changed (a full refresh of ~1 M canton vertices takes a minute). Returns whether it refreshed."""
    if not force and service_area_generalised_in_sync():
        return False
    with connection.cursor() as cursor:
        # CONCURRENTLY keeps tiles answering from the old rows during the refresh.
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY layers_service_area_generalised")
    return True


def map_layers_refresh(*, dry_run: bool = False) -> None:
    """After an import: seed missing layers and refresh the generalised service areas."""
    if dry_run:
        return
    layers_seed()
    service_area_generalised_refresh()
