"""Split a free-text Belgian address into street, house number, box, postcode and locality.

Handles the forms people and sources write: "Kerkstraat 147, 9050 Gent", "Kerkstraat 147 bus 3 9050 Gentbrugge",
"Langestraat 126/001 Ledeberg", "Ottergemsesteenweg-Zuid 808 C007, 9000 Gent", "Sint-Pietersnieuwstraat 15 A",
"Stationsstraat, 21", "9050 Gent", "Ledeberg", "Gerechtsgebouw, Canadaplein ZN, 8400 Oostende". A four-digit
number right after the street is a house number (Kortrijksesteenweg 1204); after a house number, a comma or at
the start it is a postcode. Parenthesised remarks ("(eerste verdieping)") and "zn" (zonder nummer) are dropped;
other comma-separated parts (a building name) are kept aside as `extra`, to be tried as the street when the
first part is not one. No database access: the geocoder decides what the parts mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo.geocoding.normalize import box_key, house_number_key

_POSTCODE = re.compile(r"^(?:B-?|BE-?)?([1-9]\d{3})$", re.IGNORECASE)
# 147, 15A, 1204a, 16/3, 33-35, 85/87, 1bis
_NUMBER = re.compile(r"^\d+[a-z]{0,3}(?:[/-][0-9a-z.]+)?$", re.IGNORECASE)
_BOX_WORDS = {"bus", "bte", "boîte", "boite", "b", "bx", "box", "b.", "bus.", "bte.", "lokaal"}
_BOX_VALUE = re.compile(r"^(?:\d{1,3}|[a-z]\d{1,4}|\d{1,3}[a-z]|[a-z]|\d+\.\d+)$", re.IGNORECASE)
_NO_NUMBER = {"zn", "z/n", "s/n", "sn", "z.n."}
# A remark in parentheses, also one left open up to the next comma ("bus (Bâtiment du SPF Fin, 7700 Mouscron").
_PARENTHESES = re.compile(r"\([^),]*\)?")
_TOKENS = re.compile(r",|[^\s,]+")


@dataclass(frozen=True)
class ParsedAddress:
    street: str = ""
    house_number: str = ""  # canonical: "15A"
    box: str = ""  # canonical: "1", "C007"
    postcode: str = ""
    locality: str = ""
    extra: tuple[str, ...] = ()  # other comma-separated parts, e.g. a building name before the street

    @property
    def is_empty(self) -> bool:
        return not (self.street or self.postcode or self.locality)

    def alternatives(self) -> list[ParsedAddress]:
        """Other readings worth trying when this one finds nothing."""
        readings = []
        # "Kerkstraat 9050 Gent": 9050 was a postcode, not a house number.
        if self.house_number.isdigit() and len(self.house_number) == 4 and not self.postcode and self.locality:
            readings.append(replace(self, house_number="", box="", postcode=self.house_number))
        # "Gerechtsgebouw, Canadaplein 1, 8400 Oostende": the street is in another part.
        for part in self.extra:
            other = parse_address(part)
            if other.street:
                readings.append(
                    replace(
                        self,
                        street=other.street,
                        house_number=other.house_number or self.house_number,
                        box=other.box or self.box,
                        extra=(),
                    )
                )
        return readings


def _is_word(token: str) -> bool:
    return any(char.isalpha() for char in token) and not _NUMBER.match(token)


def _split_number(token: str) -> tuple[str, str]:
    """'16/3' -> ('16', '3'); '33-35' -> ('33-35', ''); '85/87' -> ('85', '87')."""
    if "/" in token:
        number, _, box = token.partition("/")
        return house_number_key(number), box_key(box)
    return house_number_key(token), ""


def _tokens(text: str) -> list[str]:
    cleaned = _PARENTHESES.sub(" ", text or "").replace(";", ",")
    return [token for token in _TOKENS.findall(cleaned) if token.lower() not in _NO_NUMBER]


def parse_address(text: str) -> ParsedAddress:
    tokens = _tokens(text)
    number_at = _find_house_number(tokens)
    if number_at is None:
        return _parse_without_number(tokens)
    head = _segments(tokens[:number_at])
    street = " ".join(head[-1]).replace(" - ", "-") if head else ""
    number, box = _split_number(tokens[number_at])
    rest = tokens[number_at + 1 :]
    position = 0
    # "15 A": a single letter right after the number belongs to it.
    single_letter = bool(rest) and len(rest[0]) == 1 and rest[0].isalpha() and not box
    if single_letter and (len(rest) == 1 or rest[1] == "," or _POSTCODE.match(rest[1])):
        number += rest[0].upper()
        position += 1
    if position + 1 < len(rest) and rest[position].lower() in _BOX_WORDS and rest[position + 1] != ",":
        box = box_key(rest[position + 1])
        position += 2
    elif position < len(rest) and _BOX_VALUE.match(rest[position]) and not _POSTCODE.match(rest[position]):
        box = box_key(rest[position])
        position += 1
    postcode, locality = _postcode_and_locality(rest[position:])
    extra = tuple(" ".join(segment) for segment in head[:-1])
    return ParsedAddress(street=street, house_number=number, box=box, postcode=postcode, locality=locality, extra=extra)


def _find_house_number(tokens: list[str]) -> int | None:
    """Index of the house number: the first number after the street's words (a comma may sit between)."""
    seen_word = False
    for index, token in enumerate(tokens):
        if token == "," or not any(char.isalnum() for char in token):
            continue  # commas and stray dashes ("Heerweg - Noord")
        if _is_word(token):
            seen_word = True
            continue
        if not seen_word:
            return None  # starts with a postcode or a number: no street first
        if _NUMBER.match(token):
            if tokens[index - 1] == "," and _POSTCODE.match(token):
                return None  # "Kerkstraat, 9050 Gent"
            return index
        return None
    return None


def _segments(tokens: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token == ",":
            segments.append([])
        else:
            segments[-1].append(token)
    return [segment for segment in segments if segment]


def _postcode_and_locality(tokens: list[str]) -> tuple[str, str]:
    """The last postcode that only words follow, and those words; without one, the last part's words."""
    words = [token for token in tokens if token != ","]
    for index in range(len(words) - 1, -1, -1):
        match = _POSTCODE.match(words[index])
        if match and all(_is_word(word) for word in words[index + 1 :]):
            return match.group(1), " ".join(words[index + 1 :])
    segments = _segments(tokens)
    return "", " ".join(segments[-1]) if segments else ""


def _parse_without_number(tokens: list[str]) -> ParsedAddress:
    """'9050 Gent', 'Gentbrugge', 'Kerkstraat, Gent', 'Kerkstraat, 9050 Gent', 'Gerechtsgebouw, Canadaplein, …'."""
    segments = _segments(tokens)
    if not segments:
        return ParsedAddress()
    if _POSTCODE.match(segments[0][0]):
        postcode, locality = _postcode_and_locality(tokens)
        return ParsedAddress(postcode=postcode, locality=locality)
    first = " ".join(segments[0]).replace(" - ", "-")
    if len(segments) == 1:
        # One part and no number: a street or a place; the geocoder tries both.
        return ParsedAddress(street=first)
    postcode, locality = _postcode_and_locality([token for segment in segments[1:] for token in [*segment, ","]])
    extra = tuple(" ".join(segment) for segment in segments[1:-1])
    return ParsedAddress(street=first, postcode=postcode, locality=locality, extra=extra)
