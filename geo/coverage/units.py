"""The units a rubric's coverage is measured over, and where each unit's population figure comes from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Level(StrEnum):
    MUNICIPALITY = "municipality"
    SUBMUNICIPALITY = "submunicipality"
    NEIGHBOURHOOD = "neighbourhood"
    SECTOR = "sector"


LEVEL_LABELS = {
    Level.MUNICIPALITY: _("gemeenten"),
    Level.SUBMUNICIPALITY: _("deelgemeenten"),
    Level.NEIGHBOURHOOD: _("wijken"),
    Level.SECTOR: _("statistische sectoren"),
}


class PopulationSource(StrEnum):
    """How a unit's population figure was obtained; shown next to every figure."""

    MUNICIPALITY = "municipality"  # the unit is a municipality: its own total
    SECTORS = "sectors"  # sum of Statbel's per-sector figures (all sectors of the unit have one)
    SECTOR = "sector"  # the unit is a sector: its own figure
    AREA_WEIGHTED = "area_weighted_municipality"  # municipality total × unit area / municipality area
    NONE = "none"  # no figure at all: the unit's population is unknown, not zero


POPULATION_SOURCE_LABELS = {
    PopulationSource.MUNICIPALITY: _("inwoners van de gemeente"),
    PopulationSource.SECTORS: _("som van de statistische sectoren"),
    PopulationSource.SECTOR: _("inwoners van de sector"),
    PopulationSource.AREA_WEIGHTED: _("geschat: gemeentetotaal naar oppervlakte verdeeld"),
    PopulationSource.NONE: _("geen bevolkingscijfer"),
}


@dataclass(frozen=True)
class UnitTable:
    table: str
    # SQL for the unit's municipality id (alias u), its own population (or NULL), and the name of the source.
    municipality_id: str
    own_population: str
    own_source: PopulationSource


UNIT_TABLES = {
    Level.MUNICIPALITY: UnitTable("areas_municipality", "u.id", "u.population", PopulationSource.MUNICIPALITY),
    # deelgemeenten: the sum of their sectors, only when every one of their sectors has a figure
    Level.SUBMUNICIPALITY: UnitTable(
        "areas_submunicipality",
        "u.municipality_id",
        "(SELECT CASE WHEN count(*) > 0 AND count(*) = count(s.population) THEN sum(s.population) END"
        " FROM areas_statisticalsector s WHERE s.submunicipality_id = u.id)",
        PopulationSource.SECTORS,
    ),
    Level.NEIGHBOURHOOD: UnitTable("areas_neighbourhood", "u.municipality_id", "NULL::bigint", PopulationSource.NONE),
    Level.SECTOR: UnitTable("areas_statisticalsector", "u.municipality_id", "u.population", PopulationSource.SECTOR),
}
