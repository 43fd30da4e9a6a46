"""People: names, dates of birth and street addresses. These are code, not patterns."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    OTHER,
    SPACE,
    UPPER,
    Category,
    Method,
    Sensitivity,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    hint,
)
from services.classification.classifiers._names import dictionaries

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*\.?")
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "mx", "herr", "frau", "mme"))
_NAME_NEGATIVE = hint(
    "product", "company", "file", "table", "host", "domain", "city", "street", "brand",
    "account", "app", "db", "database", "column", "schema", "bank", "org", "organization",
    "project", "category", "item", "event", "role", "team", "group", "store", "shop",
    "country", "state", "region", "tag", "device", "service", "business", "merchant",
    "vendor", "supplier", "user", "username", "login", "key", "field", "plan", "sku",
)  # fmt: skip


@classifier(
    id="person-name",
    label="pii.person_name",
    display_name="Person name",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    method=Method.DETECTOR,
    charset=chars(LETTERS, SPACE, OTHER, "-'.,"),
    required=chars(LETTERS),
    min_len=2,
    max_len=80,
    name_hints=(
        hint("name", "full_name", "first_name", "last_name", "surname", "given_name"),
        hint("family_name", "firstname", "lastname", "fname", "lname", "middle_name"),
        hint("nom", "prenom", "nombre", "apellido", "vorname", "nachname", "cognome"),
    ),
    negative_hints=(_NAME_NEGATIVE,),
    strength=0.7,
    min_distinct=2,
)
def person_name(value: str) -> Verdict:
    """A person's name: one to four words, the first a known first name and the last a
    known last name (``Last, First`` too), from Faker's name lists for 18 locales.

    One known word alone, or a full name where only one part is known, is WEAK: it
    counts when the column is called ``first_name``, ``surname``, ``customer``...
    """
    first_names, last_names = dictionaries()
    text = value
    if "," in value:
        surname, _, given = value.partition(",")
        text = f"{given} {surname}"
    tokens = text.split()
    if tokens and tokens[0].lower().rstrip(".") in _TITLES:
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 4 or not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return Verdict.NO
    if not all(t[0].isupper() for t in tokens if len(t) > 2) and not value.islower():
        return Verdict.NO
    first, last = tokens[0].lower().rstrip("."), tokens[-1].lower().rstrip(".")
    if len(tokens) == 1:
        return Verdict.WEAK if first in first_names or first in last_names else Verdict.NO
    known_first, known_last = first in first_names, last in last_names
    if known_first and known_last:
        return Verdict.YES
    return Verdict.WEAK if known_first or known_last else Verdict.NO


_DATE = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?"
    r"|(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y2>\d{4})"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})"
)


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@classifier(
    id="date-of-birth",
    weak_only=True,
    label="pii.date_of_birth",
    display_name="Date of birth",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    validator=ValidatorKind.DATE,
    charset=chars(DIGIT, UPPER, "-/.:+ "),
    required=chars(DIGIT),
    min_len=8,
    max_len=29,
    name_hints=(
        hint("dob", "bday", "birthday", "birthdate", "birth_date", "date_of_birth", "born"),
        r"birth",
        r"geburtsdatum|naissance|nacimiento|nascita",
    ),
    negative_hints=(hint("birth_place", "birthplace", "place_of_birth", "birth_country"),),
    strength=0.55,
    min_distinct=2,
)
def date_of_birth(value: str) -> Verdict:
    """A date a living person could have been born on: a real calendar date (ISO, day
    first or month first, or YYYYMMDD), not in the future, at most 120 years ago.

    Any date column could hold such dates, so every match is WEAK: the column name
    (``dob``, ``birth_date``...) has to say it is a birth date. Impossible dates are
    REJECTED.
    """
    match = _DATE.fullmatch(value)
    if match is None:
        return Verdict.NO
    groups = match.groupdict()
    if groups["y"]:
        found = _real_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    elif groups["y2"]:
        a, b, year = int(groups["a"]), int(groups["b"]), int(groups["y2"])
        found = _real_date(year, b, a) or _real_date(year, a, b)
    else:
        found = _real_date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    if found is None:
        return Verdict.REJECTED
    today = datetime.now(UTC).date()
    if found > today or found.year < today.year - 120:
        return Verdict.REJECTED
    return Verdict.WEAK


_SUFFIXES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl"
    r"|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|square|sq|trail|trl|crescent|close"
    r"|row|loop|path|pike|alley|plaza|gardens|grove|mews|walk|expressway|freeway|point|pt"
)
_ADDRESS = (
    # 1600 Amphitheatre Pkwy, Mountain View, CA 94043 / 221B Baker Street
    re.compile(
        r"\d{1,6}[a-z]?(?:-\d{1,4})?,?\s+(?:[nsew]\.?\s+|(?:north|south|east|west)\s+)?"
        rf"(?:[\w'.-]+\s+){{0,4}}(?:{_SUFFIXES})\b\.?(?:\s+(?:n|s|e|w|ne|nw|se|sw)\b\.?)?"
        r"(?:[\s,#]+.*)?",
        re.IGNORECASE,
    ),
    # Hauptstraße 5, 10115 Berlin / Lindenweg 12a
    re.compile(
        r"[^\W\d_][\w.' -]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer"
        r"|laan|straat|gracht|plein|kade)\s+\d{1,5}\s?[a-z]?(?:[\s,/]+.*)?",
        re.IGNORECASE,
    ),
    # 12 rue de la Paix / 5 bis, avenue Foch / 10 Via Roma (number first)
    re.compile(
        r"\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|place|all[ée]e"
        r"|impasse|quai|route|cours|via|viale|piazza|corso|calle)\s+\S.*",
        re.IGNORECASE,
    ),
    # Calle Mayor 10 / Via Roma, 12 / Rua Augusta 200
    re.compile(
        r"(?:calle|c/|avenida|avda\.?|paseo|plaza|via|viale|piazza|corso|largo|rua|travessa"
        r"|rue|avenue)\s+[^\d,]+,?\s*\d{1,5}[a-z]?(?:[\s,].*)?",
        re.IGNORECASE,
    ),
    re.compile(r"p\.?\s?o\.?\s+box\s+\d+.*", re.IGNORECASE),
)


@classifier(
    id="street-address",
    label="pii.street_address",
    display_name="Street address",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    method=Method.DETECTOR,
    charset=chars(DIGIT, LETTERS, SPACE, OTHER, ",.#'-/"),
    required=chars(DIGIT, LETTERS, SPACE),
    min_len=6,
    max_len=200,
    name_hints=(
        r"address",
        hint("street", "addr", "address_line", "line1", "line_1", "address1", "street_address"),
        hint("strasse", "adresse", "rue", "calle", "direccion", "indirizzo", "endereco"),
    ),
    negative_hints=(
        hint("email_address", "ip_address", "mac_address", "wallet_address", "address_type"),
        hint("address_id", "address_verified", "email", "ip", "mac", "wallet", "url", "web"),
    ),
    strength=0.7,
    min_distinct=2,
)
def street_address(value: str) -> Verdict:
    """A postal street address: a house number and a street with a recognised suffix
    (Street, Ave, Rd, ... in English; -straße, -weg in German; rue, via, calle and their
    kin, number first or last), or a P.O. box; city and postcode may follow."""
    for pattern in _ADDRESS:
        if pattern.fullmatch(value):
            return Verdict.YES
    return Verdict.NO
