"""CSV and XLSX of a coverage answer: one row per unit, the population's source in its own column."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

EXPORT_COLUMNS = [
    "code",
    "name",
    "municipality_code",
    "municipality_name",
    "area_km2",
    "covered_share",
    "organisations",
    "population",
    "population_source",
    "population_split_by_area",
    "population_covered",
    "population_uncovered",
    "distance_m",
    "address_points",
    "address_points_used",
    "address_distance_mean_m",
    "address_distance_median_m",
    "address_distance_p90_m",
]


def _row(unit: dict[str, Any]) -> list[Any]:
    return [unit[column] for column in EXPORT_COLUMNS]


def csv_response(units: list[dict[str, Any]], *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(_row(unit) for unit in units)
    return response


def xlsx_response(units: list[dict[str, Any]], *, filename: str, attribution: list[str]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dekking")
    sheet.append(EXPORT_COLUMNS)
    for unit in units:
        sheet.append(_row(unit))
    sources = workbook.create_sheet("bronnen")
    for text in attribution:
        sources.append([text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
