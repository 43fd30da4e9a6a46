"""Government identifiers of the Americas, and passport numbers.

Nine-digit numbers are everywhere (SSN, ITIN, SIN, routing numbers, order ids), so a
bare run of digits is a WEAK match for the identifiers without a strong checksum: it
counts when the column name says what it is, and the formatted forms (``123-45-6789``)
count on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from services.classification.classifiers._base import (
    DIGIT,
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

_SSN_IN_TEXT = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")


def _ssn_parts(value: str) -> tuple[int, int, int, bool]:
    digits = value.replace("-", "").replace(" ", "")
    return int(digits[:3]), int(digits[3:5]), int(digits[5:]), len(digits) != len(value)


@classifier(
    id="us-ssn",
    label="government_id.us_ssn",
    display_name="U.S. Social Security number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=9,
    max_len=11,
    name_hints=(hint("ssn", "social_security", "social_security_number", "ss_number", "ssnum"),),
    strength=0.75,
    text_finder=lambda text: (m.span() for m in _SSN_IN_TEXT.finditer(text)),
    context=("ssn", "social security"),
    countries=("US",),
)
def us_ssn(value: str) -> Verdict:
    """A U.S. Social Security number: area not 000, 666 or 900-999, group not 00,
    serial not 0000. Dashed or spaced forms match; nine bare digits are WEAK."""
    area, group, serial, formatted = _ssn_parts(value)
    if area in (0, 666) or area >= 900 or group == 0 or serial == 0:
        return Verdict.REJECTED if formatted else Verdict.NO
    return Verdict.YES if formatted else Verdict.WEAK


@classifier(
    id="us-itin",
    label="government_id.us_itin",
    display_name="U.S. Individual Taxpayer Identification Number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"9\d{2}-\d{2}-\d{4}|9\d{2} \d{2} \d{4}|9\d{8}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=9,
    max_len=11,
    prefixes=("9",),
    name_hints=(hint("itin", "taxpayer_id", "tax_id", "tin"),),
    strength=0.75,
    countries=("US",),
)
def us_itin(value: str) -> Verdict:
    """A U.S. ITIN: starts with 9, group 50-65, 70-88, 90-92 or 94-99. Dashed or spaced
    forms match; nine bare digits are WEAK."""
    _, group, _, formatted = _ssn_parts(value)
    if not (50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or group >= 94):
        return Verdict.REJECTED if formatted else Verdict.NO
    return Verdict.YES if formatted else Verdict.WEAK


@classifier(
    id="us-passport",
    weak_only=True,
    label="government_id.us_passport",
    display_name="U.S. passport number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"[A-Z]?\d{8,9}",
    charset=chars(DIGIT, UPPER),
    required=chars(DIGIT),
    min_len=9,
    max_len=9,
    name_hints=(r"passport",),
    negative_hints=(hint("passport_country", "passport_expiry", "passport_issued"),),
    strength=0.5,
    countries=("US",),
    suppresses=("passport-number",),
)
def us_passport(value: str) -> Verdict:
    """A U.S. passport book number: nine digits, or a letter and eight digits (next
    generation). Nothing in the number identifies it, so every match is WEAK and
    needs a column name such as ``passport_no``."""
    return Verdict.WEAK


@classifier(
    id="passport-number",
    weak_only=True,
    label="government_id.passport_number",
    display_name="Passport number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"[A-Z0-9]{6,9}",
    charset=chars(DIGIT, UPPER),
    required=chars(DIGIT),
    min_len=6,
    max_len=9,
    name_hints=(r"passport", r"reisepass", r"passeport", r"pasaporte", r"passaporto"),
    negative_hints=(hint("passport_country", "passport_expiry", "passport_issued"),),
    strength=0.45,
)
def passport_number(value: str) -> Verdict:
    """A passport number in the ICAO 9303 machine-readable alphabet (six to nine
    capitals and digits, at least two digits). Passport numbers of most countries have
    no public checksum, so every match is WEAK and needs a passport column name."""
    return Verdict.WEAK if sum(c.isdigit() for c in value) >= 2 else Verdict.NO


@classifier(
    id="ca-sin",
    label="government_id.ca_sin",
    display_name="Canada Social Insurance Number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"\d{3}[ -]\d{3}[ -]\d{3}|\d{9}",
    validator=ValidatorKind.LUHN,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=9,
    max_len=11,
    name_hints=(hint("sin", "social_insurance", "social_insurance_number", "nas"),),
    strength=0.7,
    countries=("CA",),
)
def ca_sin(value: str) -> Verdict:
    """A Canadian SIN: nine digits, not starting with 0 or 8, valid Luhn checksum.
    Grouped forms (``046 454 286``) match; bare digits are WEAK."""
    digits = value.replace(" ", "").replace("-", "")
    formatted = len(digits) != len(value)
    if digits[0] in "08" or not luhn(digits):
        return Verdict.REJECTED if formatted else Verdict.NO
    return Verdict.YES if formatted else Verdict.WEAK


def _cpf_digit(digits: str) -> int:
    weight = len(digits) + 1
    total = sum((weight - i) * (ord(c) - 48) for i, c in enumerate(digits))
    return (total * 10 % 11) % 10


def _find_cpf(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])", text):
        yield match.span()


@classifier(
    id="br-cpf",
    label="government_id.br_cpf",
    display_name="Brazil CPF number",
    category=Category.GOVERNMENT_ID,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"\d{3}\.\d{3}\.\d{3}-\d{2}|\d{11}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, ".-"),
    required=chars(DIGIT),
    min_len=11,
    max_len=14,
    name_hints=(hint("cpf", "cadastro", "cpf_number"),),
    strength=0.85,
    text_finder=_find_cpf,
    context=("cpf",),
    countries=("BR",),
)
def br_cpf(value: str) -> Verdict:
    """A Brazilian CPF: eleven digits (``123.456.789-09``) whose two mod-11 check digits
    agree; repeated digits (``111.111.111-11``) are refused."""
    digits = value.replace(".", "").replace("-", "")
    if len(set(digits)) == 1:
        return Verdict.REJECTED
    if (
        _cpf_digit(digits[:9]) == ord(digits[9]) - 48
        and _cpf_digit(digits[:10]) == ord(digits[10]) - 48
    ):
        return Verdict.YES
    return Verdict.REJECTED
