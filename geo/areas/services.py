"""Writes for service areas: each distinct area is stored once, with a subdivided copy for point-in-polygon."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import shapely
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import connection, transaction

from geo.areas.models import Municipality, Province, Region, ServiceArea, SubMunicipality
from geo.spatial import to_storage, valid_multipolygon

# Pieces of at most this many vertices: small enough for a fast point-in-polygon, few enough rows.
SUBDIVIDE_MAX_VERTICES = 256

AdminUnit = Municipality | SubMunicipality | Province | Region
_UNIT_KINDS: dict[type, str] = {
    Municipality: "municipality",
    SubMunicipality: "submunicipality",
    Province: "province",
    Region: "region",
}
_UNIT_RELATIONS: dict[type, str] = {
    Municipality: "municipalities",
    SubMunicipality: "submunicipalities",
    Province: "provinces",
    Region: "regions",
}


class ServiceAreaError(ValueError):
    pass


def geometry_signature(geom: GEOSGeometry) -> str:
    """Hash of the geometry snapped to 1 cm and normalised, so the same polygon always hashes the same."""
    shape = shapely.from_wkb(bytes(geom.wkb))
    shape = shapely.normalize(shapely.set_precision(shape, 0.01))
    return "geom:" + hashlib.sha256(shapely.to_wkb(shape, hex=False)).hexdigest()


def units_signature(units: Iterable[AdminUnit]) -> str:
    parts = sorted(f"{_UNIT_KINDS[type(unit)]}:{unit.code}" for unit in units)
    if not parts:
        raise ServiceAreaError("a service area needs at least one administrative unit")
    signature = "units:" + ",".join(parts)
    # Long lists (a province's 60 municipalities) are hashed to fit the column; still unique per set.
    return signature if len(signature) <= 200 else "units:sha256:" + hashlib.sha256(signature.encode()).hexdigest()


def service_area_rebuild_parts(*, area: ServiceArea) -> int:
    """Replace the subdivided copy of `area`; returns the number of pieces.

    ST_Subdivide sits in FROM (a lateral call): in the select list, `(ST_Dump(ST_Subdivide(g))).geom` would
    run the subdivision once per column of the composite, 30-100x slower on the canton polygons.
    """
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM areas_serviceareapart WHERE service_area_id = %s", [area.pk])
        cursor.execute(
            """
            INSERT INTO areas_serviceareapart (service_area_id, geom)
            SELECT sa.id, piece FROM areas_servicearea sa, ST_Subdivide(sa.geom, %s) AS piece
            WHERE sa.id = %s
            """,
            [SUBDIVIDE_MAX_VERTICES, area.pk],
        )
        return cursor.rowcount


def _save_new_area(*, name: str, kind: str, signature: str, geom: MultiPolygon) -> ServiceArea:
    area = ServiceArea.objects.create(name=name, kind=kind, signature=signature, geom=geom, area_m2=geom.area)
    service_area_rebuild_parts(area=area)
    return area


@transaction.atomic
def service_area_from_geometry(*, geom: GEOSGeometry, name: str) -> tuple[ServiceArea, bool]:
    """The shared service area for a drawn/imported polygon: (area, created). Invalid input is repaired."""
    multipolygon, _repaired = valid_multipolygon(to_storage(geom))
    signature = geometry_signature(multipolygon)
    existing = ServiceArea.objects.filter(signature=signature).first()
    if existing is not None:
        return existing, False
    return _save_new_area(name=name, kind=ServiceArea.Kind.DRAWN, signature=signature, geom=multipolygon), True


def _union_of(units: Sequence[AdminUnit]) -> MultiPolygon:
    missing = [unit.code for unit in units if unit.geom is None]
    if missing:
        raise ServiceAreaError(f"no boundary for {', '.join(missing)}: cannot build the service area")
    with connection.cursor() as cursor:
        # ST_Union in the database: GEOS cascaded union, fast, and it dissolves the shared borders.
        cursor.execute(
            "SELECT ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(g)), 3))) "
            "FROM unnest(%s::geometry[]) AS g",
            [[unit.geom.ewkb for unit in units if unit.geom is not None]],
        )
        row = cursor.fetchone()
    union = GEOSGeometry(memoryview(row[0]))
    result, _ = valid_multipolygon(union)
    return result


@transaction.atomic
def service_area_from_units(
    *, units: Sequence[AdminUnit], name: str = "", kind: str = ServiceArea.Kind.UNITS
) -> tuple[ServiceArea, bool]:
    """The shared service area made of these municipalities/deelgemeenten/provinces/regions."""
    signature = units_signature(units)
    existing = ServiceArea.objects.filter(signature=signature).first()
    if existing is not None:
        return existing, False
    if not name:
        names = sorted(unit.name_nl for unit in units)
        name = ", ".join(names) if len(names) <= 4 else f"{', '.join(names[:3])} en {len(names) - 3} andere"
    area = _save_new_area(name=name, kind=kind, signature=signature, geom=_union_of(units))
    for unit in units:
        getattr(area, _UNIT_RELATIONS[type(unit)]).add(unit)
    return area, True


def service_areas_prune_unused() -> int:
    """Delete service areas that no organisation or service uses any more (e.g. after removing samples)."""
    unused = ServiceArea.objects.filter(organisations=None, effective_for_organisations=None, services=None)
    deleted, _ = unused.delete()
    return deleted
