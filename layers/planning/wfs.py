"""WFS feature types of the precomputed coverage (geo.coverage.models.CoverageFeature): one per top-level
rubric and unit level, e.g. `dekking_gemeenten_gezondheid`, so QGIS users style the figures themselves.
Added to the social map's WFS by layers.gis.wfs.feature_types."""

from __future__ import annotations

from gisserver.crs import CRS, CRS84, WEB_MERCATOR, WGS84
from gisserver.features import FeatureType

from geo.coverage.selectors import coverage_feature_sets, coverage_features
from geo.spatial import LAMBERT72

LEVEL_NAMES = {"municipality": "gemeenten", "submunicipality": "deelgemeenten", "neighbourhood": "wijken"}
FIELDS = [
    "code",
    "name",
    "municipality_code",
    "covered_share",
    "organisations",
    "population",
    "population_source",
    "population_covered",
    "population_uncovered",
    "distance_m",
    "data_version",
    "computed_at",
    "geom",
]


def coverage_key() -> tuple[tuple[str, str, str], ...]:
    return tuple(coverage_feature_sets())


def coverage_feature_types() -> list[FeatureType]:
    types = []
    for rubric, rubric_name, level in coverage_feature_sets():
        level_name = LEVEL_NAMES.get(level, level)
        types.append(
            FeatureType(
                coverage_features(rubric=rubric, level=level),
                name=f"dekking_{level_name}_{rubric.replace('.', '_').replace('-', '_')}",
                fields=list(FIELDS),
                title=f"Dekking: {rubric_name} per {level_name}",
                abstract=(
                    "Per gebied: gedekt deel (werkingsgebieden), aantal organisaties, inwoners met en zonder aanbod "
                    "(population_source zegt of het cijfer geschat is) en afstand in vogelvlucht tot de dichtste "
                    "vestiging. Voorberekend; zie docs/planning.md."
                ),
                keywords=["sociale kaart", "planning", "dekking", rubric],
                crs=WGS84,
                other_crs=[CRS84, CRS.from_srid(LAMBERT72), WEB_MERCATOR],
            )
        )
    return types
