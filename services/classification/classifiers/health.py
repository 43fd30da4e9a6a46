"""Health identifiers and codes (HIPAA and NHS), and vehicle identification numbers."""

from __future__ import annotations

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
from services.classification.classifiers._checksums import luhn

_HEALTH = {"category": Category.HEALTH, "sensitivity": Sensitivity.RESTRICTED}


@classifier(
    id="us-npi",
    label="health.us_npi",
    display_name="U.S. National Provider Identifier",
    pattern=r"[12]\d{9}",
    validator=ValidatorKind.LUHN,
    charset=chars(DIGIT),
    min_len=10,
    max_len=10,
    prefixes=("1", "2"),
    name_hints=(hint("npi", "provider_id", "npi_number", "prescriber", "provider_npi"),),
    strength=0.6,
    countries=("US",),
    **_HEALTH,
)
def us_npi(value: str) -> Verdict:
    """A U.S. NPI: ten digits starting with 1 or 2, Luhn-valid with the 80840 prefix
    (CMS's card-issuer prefix for health)."""
    return Verdict.YES if luhn("80840" + value) else Verdict.REJECTED


@classifier(
    id="icd10-code",
    label="health.icd10_code",
    display_name="ICD-10 diagnosis code",
    pattern=r"[A-TV-Z]\d[0-9AB](?:\.?[0-9A-TV-Z]{1,4})?",
    charset=chars(UPPER, DIGIT, "."),
    required=chars(UPPER, DIGIT),
    min_len=3,
    max_len=8,
    name_hints=(hint("icd", "icd10", "icd_10", "diagnosis", "diagnosis_code", "dx", "dx_code"),),
    strength=0.55,
    **_HEALTH,
)
def icd10_code(value: str) -> Verdict:
    """An ICD-10(-CM) code: a letter (not U), two digits, then optionally a dot and up to
    four characters (``E11.9``, ``J45.909``). The dotted form matches; short codes like
    ``A01`` are common product codes too, so they are WEAK."""
    return Verdict.YES if "." in value else Verdict.WEAK


@classifier(
    id="uk-nhs-number",
    weak_only=True,
    label="health.uk_nhs_number",
    display_name="UK NHS number",
    pattern=r"\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=10,
    max_len=12,
    name_hints=(hint("nhs", "nhs_number", "nhs_no", "nhsnumber", "chi", "health_number"),),
    strength=0.7,
    countries=("GB",),
    suppresses=("phone-number",),
    **_HEALTH,
)
def uk_nhs_number(value: str) -> Verdict:
    """An NHS number: ten digits whose mod-11 check digit (weights 10..2) agrees. The
    3-3-4 grouping is shared with U.S. phone numbers, so every match is WEAK unless the
    column is named for it (nhs_number...); a labelled NHS column drops the phone label."""
    digits = value.replace(" ", "").replace("-", "")
    check = 11 - sum((10 - i) * (ord(c) - 48) for i, c in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    if check == 10 or check != ord(digits[9]) - 48:
        return Verdict.NO
    return Verdict.WEAK


@classifier(
    id="us-dea-number",
    label="health.us_dea_number",
    display_name="U.S. DEA registration number",
    pattern=r"[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(UPPER, DIGIT),
    min_len=9,
    max_len=9,
    name_hints=(hint("dea", "dea_number", "dea_no", "dea_registration"),),
    strength=0.8,
    countries=("US",),
    **_HEALTH,
)
def us_dea_number(value: str) -> Verdict:
    """A DEA registration number: registrant type letter, a letter (or 9), seven
    digits whose last is (d1+d3+d5 + 2*(d2+d4+d6)) mod 10."""
    d = [ord(c) - 48 for c in value[2:]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return Verdict.YES if check == d[6] else Verdict.REJECTED


_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
_MBI_ALNUM = "[AC-HJKMNP-RT-Y0-9]"


@classifier(
    id="us-mbi",
    label="health.us_mbi",
    display_name="U.S. Medicare Beneficiary Identifier",
    pattern=f"[1-9]{_MBI_LETTER}{_MBI_ALNUM}\\d-?{_MBI_LETTER}{_MBI_ALNUM}\\d-?"
    f"{_MBI_LETTER}{{2}}\\d{{2}}",
    charset=chars(UPPER, DIGIT, "-"),
    min_len=11,
    max_len=13,
    name_hints=(hint("mbi", "medicare", "medicare_id", "hicn", "beneficiary_id"),),
    strength=0.8,
    countries=("US",),
    **_HEALTH,
)
def us_mbi(value: str) -> Verdict:
    """A Medicare Beneficiary Identifier: eleven characters in CMS's fixed layout of
    digits and letters (never S, L, O, I, B or Z)."""
    return Verdict.YES


# ISO 3779 transliteration of letters for the check digit (I, O and Q never appear).
_VIN_VALUES = {
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


@classifier(
    id="vin",
    label="pii.vin",
    display_name="Vehicle identification number",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=r"[A-HJ-NPR-Z0-9]{17}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(LETTERS, DIGIT),
    required=chars(UPPER, DIGIT),
    min_len=17,
    max_len=17,
    name_hints=(hint("vin", "vin_number", "vehicle_id", "chassis_number", "vehicle_vin"),),
    strength=0.8,
)
def vin(value: str) -> Verdict:
    """A 17-character VIN (ISO 3779, no I, O or Q) with a valid North American check
    digit in position 9; VINs without one (many European ones) are WEAK."""
    total = sum(
        w * (ord(c) - 48 if c.isdigit() else _VIN_VALUES[c])
        for c, w in zip(value, _VIN_WEIGHTS, strict=True)
    )
    check = total % 11
    return Verdict.YES if value[8] == ("X" if check == 10 else str(check)) else Verdict.WEAK
