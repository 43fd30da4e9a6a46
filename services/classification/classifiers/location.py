"""Locations: postal codes of several countries and geographic coordinates.

Five digits could be a U.S. ZIP code, a German PLZ or a quantity, so bare five-digit
values are WEAK: the column name decides. Formats that carry their own shape (ZIP+4,
UK and Canadian postcodes, Dutch postcodes, coordinate pairs) match on their own.
"""

from __future__ import annotations

import re

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    SPACE,
    UPPER,
    Category,
    Sensitivity,
    Verdict,
    chars,
    classifier,
    hint,
)

_LOC = {"category": Category.LOCATION, "sensitivity": Sensitivity.INTERNAL}
_POSTAL_HINTS = hint("postal", "postcode", "post_code", "postal_code", "postalcode", "zip")


@classifier(
    id="us-zip-code",
    label="location.us_zip_code",
    display_name="U.S. ZIP code",
    pattern=r"\d{5}(?:-\d{4})?",
    charset=chars(DIGIT, "-"),
    required=chars(DIGIT),
    min_len=5,
    max_len=10,
    name_hints=(hint("zip", "zipcode", "zip_code", "zip5", "zip4"), _POSTAL_HINTS),
    negative_hints=(hint("zip_file", "zipfile", "zipped", "gzip"),),
    strength=0.45,
    countries=("US",),
    **_LOC,
)
def us_zip_code(value: str) -> Verdict:
    """A U.S. ZIP code. ZIP+4 (``94043-1351``) matches; five digits alone are WEAK and
    need a column named zip, postal code or postcode; 00000 never matches."""
    if value.startswith("00000"):
        return Verdict.REJECTED
    return Verdict.YES if len(value) == 10 else Verdict.WEAK


@classifier(
    id="uk-postcode",
    label="location.uk_postcode",
    display_name="UK postcode",
    description="A UK postcode: outward code (area, district) and inward code (sector, "
    "unit), e.g. SW1A 1AA, M1 1AE, B33 8TH.",
    pattern=r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}",
    charset=chars(DIGIT, LETTERS, SPACE),
    required=chars(DIGIT),
    min_len=5,
    max_len=8,
    name_hints=(_POSTAL_HINTS,),
    strength=0.65,
    countries=("GB",),
    **_LOC,
)
def uk_postcode(value: str) -> Verdict:
    """A UK postcode (inward code letters exclude C, I, K, M, O, V)."""
    inward = value.replace(" ", "")[-2:].upper()
    return Verdict.NO if set(inward) & set("CIKMOV") else Verdict.YES


@classifier(
    id="ca-postal-code",
    label="location.ca_postal_code",
    display_name="Canada postal code",
    pattern=r"[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]\d[A-Za-z] ?\d[A-Za-z]\d",
    charset=chars(DIGIT, LETTERS, SPACE),
    required=chars(DIGIT),
    min_len=6,
    max_len=7,
    name_hints=(_POSTAL_HINTS,),
    strength=0.7,
    countries=("CA",),
    **_LOC,
)
def ca_postal_code(value: str) -> Verdict:
    """A Canadian postal code (``K1A 0B1``): letters D, F, I, O, Q and U never appear."""
    return Verdict.NO if set(value.upper()) & set("DFIOQU") else Verdict.YES


@classifier(
    id="de-postal-code",
    weak_only=True,
    label="location.de_postal_code",
    display_name="Germany postal code (PLZ)",
    pattern=r"\d{5}",
    charset=chars(DIGIT),
    min_len=5,
    max_len=5,
    name_hints=(hint("plz", "postleitzahl"),),
    strength=0.45,
    countries=("DE",),
    **_LOC,
)
def de_postal_code(value: str) -> Verdict:
    """A German Postleitzahl: five digits from 01001 to 99998, always WEAK (only a
    column named plz or postleitzahl tells it from a U.S. ZIP code or a number)."""
    return Verdict.WEAK if "01001" <= value <= "99998" else Verdict.REJECTED


@classifier(
    id="nl-postcode",
    label="location.nl_postcode",
    display_name="Netherlands postcode",
    pattern=r"[1-9]\d{3} ?[A-Za-z]{2}",
    charset=chars(DIGIT, LETTERS, SPACE),
    required=chars(DIGIT),
    min_len=6,
    max_len=7,
    name_hints=(_POSTAL_HINTS,),
    strength=0.65,
    countries=("NL",),
    **_LOC,
)
def nl_postcode(value: str) -> Verdict:
    """A Dutch postcode (``1012 AB``); the letter pairs SA, SD and SS are never used."""
    return Verdict.NO if value[-2:].upper() in ("SA", "SD", "SS") else Verdict.YES


_PAIR = re.compile(
    r"\(?(?P<a>[-+]?\d{1,3}\.\d{3,})\s*[,;]\s*(?P<b>[-+]?\d{1,3}\.\d{3,})\)?"
    r"|POINT\s?\((?P<lon>[-+]?\d{1,3}\.\d+) (?P<lat>[-+]?\d{1,2}\.\d+)\)"
)


@classifier(
    id="geo-coordinates",
    label="location.geo_coordinates",
    display_name="Geographic coordinates",
    pattern=r"\(?[-+]?\d{1,3}\.\d{3,}\s*[,;]\s*[-+]?\d{1,3}\.\d{3,}\)?"
    r"|POINT\s?\([-+]?\d{1,3}\.\d+ [-+]?\d{1,2}\.\d+\)",
    charset=chars(DIGIT, UPPER, SPACE, ".,;-+()"),
    required=chars(DIGIT, "."),
    min_len=11,
    max_len=60,
    name_hints=(hint("coordinates", "coords", "latlng", "latlon", "lat_long", "geo", "location"),),
    strength=0.75,
    **_LOC,
)
def geo_coordinates(value: str) -> Verdict:
    """A latitude/longitude pair with at least three decimals each (``48.8584, 2.2945``)
    or a WKT ``POINT(lon lat)``, within range (latitude ±90, longitude ±180)."""
    match = _PAIR.fullmatch(value)
    if match is None:
        return Verdict.NO
    if match["a"]:
        lat, lon = float(match["a"]), float(match["b"])
    else:
        lat, lon = float(match["lat"]), float(match["lon"])
    return Verdict.YES if abs(lat) <= 90 and abs(lon) <= 180 else Verdict.REJECTED


def _single(limit: float, value: str) -> Verdict:
    return Verdict.WEAK if abs(float(value)) <= limit else Verdict.REJECTED


@classifier(
    id="latitude",
    weak_only=True,
    label="location.latitude",
    display_name="Latitude",
    pattern=r"[-+]?\d{1,2}\.\d{3,}",
    charset=chars(DIGIT, ".-+"),
    required=chars(DIGIT, "."),
    min_len=5,
    max_len=24,
    name_hints=(hint("lat", "latitude", "gps_lat", "lat_deg", "geo_lat"),),
    strength=0.5,
    **_LOC,
)
def latitude(value: str) -> Verdict:
    """A decimal latitude (at least three decimals, within ±90). Any decimal number
    could be one, so matches are WEAK: only a column named lat or latitude counts."""
    return _single(90.0, value)


@classifier(
    id="longitude",
    weak_only=True,
    label="location.longitude",
    display_name="Longitude",
    pattern=r"[-+]?\d{1,3}\.\d{3,}",
    charset=chars(DIGIT, ".-+"),
    required=chars(DIGIT, "."),
    min_len=5,
    max_len=24,
    name_hints=(hint("lon", "lng", "long", "longitude", "gps_lon", "gps_lng", "geo_lon"),),
    negative_hints=(hint("long_name", "long_description", "long_text", "long_desc"),),
    strength=0.5,
    **_LOC,
)
def longitude(value: str) -> Verdict:
    """A decimal longitude (at least three decimals, within ±180); WEAK like latitude."""
    return _single(180.0, value)
