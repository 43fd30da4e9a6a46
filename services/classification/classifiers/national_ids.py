"""National identifiers of Europe, India and Australia, each with its own check."""

from __future__ import annotations

from collections import Counter

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    SPACE,
    UPPER,
    Category,
    Sensitivity,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    hint,
)
from services.classification.classifiers._checksums import (
    iso7064_mod11_10,
    verhoeff,
    weighted_mod,
)

_GOV = {"category": Category.GOVERNMENT_ID, "sensitivity": Sensitivity.RESTRICTED}


@classifier(
    id="uk-nino",
    label="government_id.uk_nino",
    display_name="UK National Insurance number",
    pattern=r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]",
    charset=chars(DIGIT, UPPER, SPACE),
    min_len=9,
    max_len=13,
    name_hints=(hint("nino", "ni_number", "national_insurance", "nin", "ni_no"),),
    strength=0.85,
    countries=("GB",),
    **_GOV,
)
def uk_nino(value: str) -> Verdict:
    """A UK National Insurance number: two prefix letters from HMRC's allowed set
    (never BG, GB, KN, NK, NT, TN or ZZ), six digits and a suffix A-D."""
    return Verdict.REJECTED if value[:2] in _NINO_BAD_PREFIXES else Verdict.YES


_NINO_BAD_PREFIXES = frozenset(("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"))


@classifier(
    id="fr-insee",
    label="government_id.fr_insee",
    display_name="France INSEE number (NIR)",
    pattern=r"[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE, LETTERS),
    required=chars(DIGIT),
    min_len=15,
    max_len=21,
    name_hints=(hint("insee", "nir", "secu", "securite_sociale", "numero_secu"),),
    strength=0.9,
    countries=("FR",),
    **_GOV,
)
def fr_insee(value: str) -> Verdict:
    """A French social security number (NIR): sex, year, month, department (2A/2B for
    Corsica), commune, order, and a key equal to 97 minus the number modulo 97."""
    compact = value.replace(" ", "").upper()
    body = compact[:13].replace("2A", "19", 1).replace("2B", "18", 1)
    if not body.isdigit():
        return Verdict.REJECTED
    return Verdict.YES if 97 - int(body) % 97 == int(compact[13:]) else Verdict.REJECTED


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


@classifier(
    id="es-dni",
    label="government_id.es_dni",
    display_name="Spain DNI",
    pattern=r"\d{8}-?[A-Za-z]",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, LETTERS, "-"),
    required=chars(DIGIT),
    min_len=9,
    max_len=10,
    name_hints=(hint("dni", "nif", "documento", "documento_identidad"),),
    strength=0.85,
    countries=("ES",),
    **_GOV,
)
def es_dni(value: str) -> Verdict:
    """A Spanish DNI: eight digits and the control letter of their value modulo 23."""
    number = int(value[:8])
    return Verdict.YES if _DNI_LETTERS[number % 23] == value[-1].upper() else Verdict.REJECTED


@classifier(
    id="es-nie",
    label="government_id.es_nie",
    display_name="Spain NIE",
    pattern=r"[XYZxyz]-?\d{7}-?[A-Za-z]",
    prefixes=("X", "Y", "Z", "x", "y", "z"),
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, LETTERS, "-"),
    required=chars(DIGIT),
    min_len=9,
    max_len=11,
    name_hints=(hint("nie", "nif", "documento", "extranjero"),),
    strength=0.85,
    countries=("ES",),
    **_GOV,
)
def es_nie(value: str) -> Verdict:
    """A Spanish foreigner's NIE: X, Y or Z (read as 0, 1, 2), seven digits and the
    DNI control letter of the resulting number."""
    compact = value.replace("-", "").upper()
    number = int(str("XYZ".index(compact[0])) + compact[1:8])
    return Verdict.YES if _DNI_LETTERS[number % 23] == compact[-1] else Verdict.REJECTED


_CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (1, 0, 5, 7, 9, 13, 15, 17, 19, 21) * 2  # digits, then A-J
        + (2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23),  # K-Z
        strict=True,
    )
)


def _cf_even(char: str) -> int:
    return ord(char) - 48 if char.isdigit() else ord(char) - 65


@classifier(
    id="it-codice-fiscale",
    label="government_id.it_codice_fiscale",
    display_name="Italy codice fiscale",
    pattern=r"[A-Za-z]{6}[0-9LMNP-Vlmnp-v]{2}[ABCDEHLMPR-Tabcdehlmpr-t][0-9LMNP-Vlmnp-v]{2}"
    r"[A-Za-z][0-9LMNP-Vlmnp-v]{3}[A-Za-z]",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, LETTERS),
    min_len=16,
    max_len=16,
    name_hints=(hint("codice_fiscale", "cf", "codicefiscale", "tax_code", "fiscal_code"),),
    strength=0.95,
    countries=("IT",),
    **_GOV,
)
def it_codice_fiscale(value: str) -> Verdict:
    """An Italian codice fiscale: surname, name, birth date and place codes (digits may
    be replaced by letters, omocodia), and a check letter from the odd/even tables."""
    code = value.upper()
    total = sum(
        _CF_ODD[char] if index % 2 == 0 else _cf_even(char) for index, char in enumerate(code[:15])
    )
    return Verdict.YES if chr(65 + total % 26) == code[15] else Verdict.REJECTED


@classifier(
    id="in-aadhaar",
    label="government_id.in_aadhaar",
    display_name="India Aadhaar number",
    pattern=r"[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}",
    validator=ValidatorKind.VERHOEFF,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=12,
    max_len=14,
    name_hints=(hint("aadhaar", "aadhar", "uid", "uidai", "aadhaar_number"),),
    strength=0.75,
    countries=("IN",),
    **_GOV,
)
def in_aadhaar(value: str) -> Verdict:
    """An Aadhaar number: twelve digits, not starting with 0 or 1, valid Verhoeff
    checksum."""
    digits = value.replace(" ", "").replace("-", "")
    return Verdict.YES if verhoeff(digits) else Verdict.REJECTED


@classifier(
    id="in-pan",
    label="government_id.in_pan",
    display_name="India PAN",
    description="An Indian Permanent Account Number: five letters (the fourth says the "
    "holder type: P person, C company, H HUF...), four digits and a letter.",
    pattern=r"[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]",
    charset=chars(DIGIT, UPPER),
    min_len=10,
    max_len=10,
    name_hints=(hint("pan", "pan_number", "pan_no", "permanent_account_number"),),
    negative_hints=(
        hint(
            "pan_card_type",
        ),
    ),
    strength=0.8,
    countries=("IN",),
    **_GOV,
)
def in_pan(value: str) -> Verdict:
    """An Indian Permanent Account Number (pattern only: PAN has no public checksum)."""
    return Verdict.YES


_TFN_WEIGHTS_9 = (1, 4, 3, 7, 5, 8, 6, 9, 10)
_TFN_WEIGHTS_8 = (10, 7, 8, 4, 6, 3, 5, 1)


@classifier(
    id="au-tfn",
    label="government_id.au_tfn",
    display_name="Australia Tax File Number",
    pattern=r"\d{3} ?\d{3} ?\d{2,3}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE),
    required=chars(DIGIT),
    min_len=8,
    max_len=11,
    name_hints=(hint("tfn", "tax_file", "tax_file_number"),),
    strength=0.7,
    countries=("AU",),
    **_GOV,
)
def au_tfn(value: str) -> Verdict:
    """An Australian TFN: eight or nine digits whose weighted sum is divisible by 11.
    Spaced forms (``123 456 782``) match; bare digits are WEAK."""
    digits = value.replace(" ", "")
    weights = _TFN_WEIGHTS_9 if len(digits) == 9 else _TFN_WEIGHTS_8
    formatted = len(digits) != len(value)
    if weighted_mod(digits, weights, 11) != 0:
        return Verdict.REJECTED if formatted else Verdict.NO
    return Verdict.YES if formatted else Verdict.WEAK


@classifier(
    id="de-steuer-id",
    label="government_id.de_steuer_id",
    display_name="Germany tax identification number (Steuer-ID)",
    pattern=r"[1-9]\d ?\d{3} ?\d{3} ?\d{3}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE),
    required=chars(DIGIT),
    min_len=11,
    max_len=14,
    name_hints=(hint("steuer_id", "steueridentifikationsnummer", "steuerid", "idnr", "tin"),),
    strength=0.75,
    countries=("DE",),
    **_GOV,
)
def de_steuer_id(value: str) -> Verdict:
    """A German Steuer-ID: eleven digits, no leading zero; in the first ten exactly one
    digit repeats (twice, or three times but not all adjacent); ISO 7064 MOD 11,10
    check digit."""
    digits = value.replace(" ", "")
    counts = Counter(digits[:10]).values()
    repeated = [n for n in counts if n > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return Verdict.REJECTED
    if repeated[0] == 3 and any(digits[i] == digits[i + 1] == digits[i + 2] for i in range(8)):
        return Verdict.REJECTED
    return Verdict.YES if iso7064_mod11_10(digits) else Verdict.REJECTED


@classifier(
    id="nl-bsn",
    label="government_id.nl_bsn",
    display_name="Netherlands citizen service number (BSN)",
    pattern=r"\d{9}|\d{4}\.\d{2}\.\d{3}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, "."),
    required=chars(DIGIT),
    min_len=9,
    max_len=11,
    name_hints=(hint("bsn", "burgerservicenummer", "sofinummer", "sofi"),),
    strength=0.6,
    countries=("NL",),
    **_GOV,
)
def nl_bsn(value: str) -> Verdict:
    """A Dutch BSN: nine digits passing the 11-proof (weights 9..2, and -1 on the last
    digit). Dotted forms match; bare digits are WEAK, as one in eleven numbers passes."""
    digits = value.replace(".", "")
    formatted = len(digits) != len(value)
    total = weighted_mod(digits[:8], (9, 8, 7, 6, 5, 4, 3, 2), 11) - (ord(digits[8]) - 48)
    if total % 11 != 0 or digits == "000000000":
        return Verdict.REJECTED if formatted else Verdict.NO
    return Verdict.YES if formatted else Verdict.WEAK
