"""Dutch/Belgian address normalisation: the keys under which streets, places and queries are compared.

A street key is lower case, without accents, with the usual abbreviations written out ("str." -> straat,
"stwg" -> steenweg, "St." -> sint), without spaces, hyphens or dots ("Heerweg - Noord" = "Heerweg-Noord") and
with "ij" as "y" (Van Rijhove / Van Ryhove). The register importers and the geocoder use the same functions,
so a key computed on import always matches a key computed on a query.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Whole-word abbreviations (after accents and case are removed).
_WORDS = {
    "st": "sint",
    "str": "straat",
    "stwg": "steenweg",
    "stw": "steenweg",
    "ln": "laan",
    "olv": "onzelievevrouw",
    "av": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "chee": "chaussee",
    "ch": "chaussee",
}
# Abbreviated endings glued to a word: "Kerkstr." -> kerkstraat, "Brugsestwg" -> brugsesteenweg.
_SUFFIXES = (("stwg", "steenweg"), ("stw", "steenweg"), ("str", "straat"))
_SEPARATORS = re.compile(r"[\s\-./,'’`\"()]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LEADING_DIGITS = re.compile(r"^(\d+)")
_BOX_PREFIX = re.compile(r"^(BUS|BTE|BOITE|BOX|B(?=\d))\.?")


def fold(text: str) -> str:
    """Lower case without accents: 'Opgeëistenlaan' -> 'opgeeistenlaan', 'Liège' -> 'liege'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower().replace("ß", "ss")


def _expand(word: str) -> str:
    if word in _WORDS:
        return _WORDS[word]
    for short, full in _SUFFIXES:
        if len(word) > len(short) + 2 and word.endswith(short):
            return word[: -len(short)] + full
    return word


@lru_cache(maxsize=200_000)
def street_key(name: str) -> str:
    """The comparison key of a street name (see the module docstring)."""
    words = [word for word in _SEPARATORS.split(fold(name)) if word]
    joined = "".join(_expand(word) for word in words)
    return _NOT_ALNUM.sub("", joined).replace("ij", "y")


@lru_cache(maxsize=50_000)
def place_key(name: str) -> str:
    """The comparison key of a place name: 'Sint-Denijs-Westrem' -> 'sintdenyswestrem', 'Gand' -> 'gand'."""
    words = [word for word in _SEPARATORS.split(fold(name)) if word]
    joined = "".join(_WORDS["st"] if word == "st" else word for word in words)
    return _NOT_ALNUM.sub("", joined).replace("ij", "y")


def house_number_key(number: str) -> str:
    """'15 a' -> '15A', ' 147 ' -> '147'. Ranges and odd forms ('33-35') are kept, without spaces."""
    return re.sub(r"\s+", "", number or "").upper()


def box_key(box: str) -> str:
    """'0001' -> '1', 'c007' -> 'C007', 'bus 3' -> '3', 'b19' -> '19': how boxes are stored and compared."""
    value = re.sub(r"\s+", "", box or "").upper().lstrip("/")
    match = _BOX_PREFIX.match(value)
    if match:
        value = value[match.end() :]
    if value.isdigit():
        return value.lstrip("0") or "0"
    return value


def house_number_int(number: str) -> int | None:
    """The numeric part of a house number, for interpolation: '15A' -> 15, '33-35' -> 33, 'A' -> None."""
    match = _LEADING_DIGITS.match(number or "")
    return int(match.group(1)) if match else None


def tidy_street_name(name: str) -> str:
    """A display name from a sloppy source: 'Heerweg - noord' -> 'Heerweg-Noord', 'Dok-noord' -> 'Dok-Noord'."""
    name = re.sub(r"\s*-\s*", "-", " ".join(name.split()))
    return re.sub(r"-([a-zà-ÿ])", lambda match: "-" + match.group(1).upper(), name)
