"""Vector tiles of the offline base map: our own municipality, deelgemeente and wijk boundaries and names.

The SQL is in tile.sql beside this module and runs at request time; nothing is stored, so a re-import of the
geography shows at once. Tiles are small (a few kB) and cheap, and browsers may cache them for a day.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

MIN_ZOOM = 5  # Belgium fills a phone screen; below this the base map is empty
MAX_ZOOM = 16  # deepest zoom with its own tiles; the client over-zooms beyond
SQL_FILE = Path(__file__).resolve().parent / "tile.sql"


class TileAddressError(ValueError):
    """z/x/y outside the tile pyramid; `field` names the offending part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@cache
def tile_sql() -> str:
    return SQL_FILE.read_text(encoding="utf-8")


def basemap_tile_check(*, z: int, x: int, y: int) -> None:
    if not 0 <= z <= MAX_ZOOM:
        raise TileAddressError("z", _("Zoomniveau moet tussen 0 en %(max)d liggen.") % {"max": MAX_ZOOM})
    for field, value in (("x", x), ("y", y)):
        if not 0 <= value < 2**z:
            raise TileAddressError(
                field, _("Moet tussen 0 en %(max)d liggen op zoomniveau %(z)d.") % {"max": 2**z - 1, "z": z}
            )


def basemap_tile(*, z: int, x: int, y: int) -> bytes:
    """The Mapbox Vector Tile at z/x/y; empty bytes below MIN_ZOOM or where there is no geography."""
    basemap_tile_check(z=z, x=x, y=y)
    if z < MIN_ZOOM:
        return b""
    with connection.cursor() as cursor:
        cursor.execute(tile_sql(), {"z": z, "x": x, "y": y})
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""
