"""Ways to reach a person: email addresses and phone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    LOWER,
    SPACE,
    Category,
    Sensitivity,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    hint,
)

_EMAIL_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_EMAIL_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
_EMAIL_FULL = re.compile(_EMAIL_LOCAL + "@" + _EMAIL_DOMAIN)
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.@+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}\b")


def _find_emails(text: str) -> Iterator[tuple[int, int]]:
    if "@" not in text:
        return
    for match in _EMAIL_IN_TEXT.finditer(text):
        yield match.span()


@classifier(
    id="email",
    label="pii.email",
    display_name="Email address",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=_EMAIL_LOCAL + "@" + _EMAIL_DOMAIN,
    validator=ValidatorKind.EMAIL,
    charset=chars(DIGIT, LETTERS, "@.!#$%&'*+/=?^_`{|}~-"),
    required=chars("@"),
    min_len=6,
    max_len=254,
    name_hints=(r"e_?mail", r"(?:^|_)mail(?:$|_)", hint("courriel", "correo")),
    negative_hints=(
        hint("opt_in", "optin", "opt_out", "verified", "confirmed", "enabled", "flag"),
        hint("is", "has", "count", "sent", "bounced", "status", "type", "domain", "template"),
    ),
    strength=0.9,
    text_finder=_find_emails,
    context=("email", "e-mail", "mail", "contact"),
    suppresses=("url",),
)
def email(value: str) -> Verdict:
    """An email address: RFC 5322 dot-atom local part, a dotted domain with a
    letters-only top-level label, at most 254 characters.

    Guarded by the pattern; the local part is limited to 64 characters.
    """
    local, _, _ = value.rpartition("@")
    return Verdict.YES if len(local) <= 64 else Verdict.REJECTED


def is_email(value: str) -> bool:
    """True for a valid email address (the email classifier's pattern and check)."""
    return _EMAIL_FULL.fullmatch(value) is not None and email(value) is Verdict.YES


_IP_OR_DATE = re.compile(
    r"\d{1,3}(?:\.\d{1,3}){3}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
)
_FORMATTING = frozenset(" -().")
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*\d{1,6}$")
# Regions tried, in order, for numbers written in national form with a trunk "0".
_TRUNK_ZERO_REGIONS = ("GB", "FR", "DE", "NL", "AU", "IN", "BR", "IT", "ES", "BE", "CH")
_PHONE_IN_TEXT = re.compile(r"(?<![\w+.-])(?:\+|00)?\(?\d[\d ().-]{5,18}\d(?![\w.-]*\d)")


_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)
Rules = tuple[re.Pattern[str], frozenset[int], str]


def _metadata_rules(metas: list[PhoneMetadata]) -> Rules | None:
    patterns: list[str] = []
    lengths: set[int] = set()
    for meta in metas:
        for kind in _TYPES:
            desc = getattr(meta, kind, None)
            if desc is not None and desc.national_number_pattern:
                patterns.append(desc.national_number_pattern)
        if meta.general_desc is not None:
            lengths.update(meta.general_desc.possible_length or ())
    if not patterns:
        return None
    union = "|".join(f"(?:{p})" for p in dict.fromkeys(patterns))
    return re.compile(union), frozenset(lengths), metas[0].national_prefix or ""


@lru_cache(maxsize=512)
def _pattern(region_or_code: str) -> Rules | None:
    """What ``is_valid_number`` checks, as one compiled pattern: the union of the
    number-type patterns (fixed line, mobile, toll free...) of a region (``"GB"``) or of
    every region sharing a calling code (``"1"``: the whole NANP), the possible
    lengths, and the trunk prefix, from libphonenumber's metadata."""
    if region_or_code.isdigit():
        code = int(region_or_code)
        regions = COUNTRY_CODE_TO_REGION_CODE.get(code, ())
        metas = [PhoneMetadata.metadata_for_region_or_calling_code(code, r) for r in regions]
    else:
        metas = [PhoneMetadata.metadata_for_region(region_or_code)]
    return _metadata_rules([m for m in metas if m is not None])


def _valid_national(nsn: str, rules: Rules | None) -> bool:
    if rules is None:
        return False
    pattern, lengths, _ = rules
    return (not lengths or len(nsn) in lengths) and pattern.fullmatch(nsn) is not None


def _rules_for(digits: str, international: bool) -> list[tuple[str, Rules | None]]:
    """(national significant number, rules) pairs worth trying for a digit string."""
    if international:
        for size in (1, 2, 3):
            code = digits[:size]
            if int(code) in COUNTRY_CODE_TO_REGION_CODE:
                return [(digits[size:], _pattern(code))]
        return []
    if len(digits) == 11 and digits[0] == "1":
        return [(digits[1:], _pattern("1"))]
    if len(digits) == 10 and digits[0] not in "01":
        return [(digits, _pattern("1"))]
    if digits[0] != "0":
        return []
    pairs: list[tuple[str, Rules | None]] = []
    for region in _TRUNK_ZERO_REGIONS:
        rules = _pattern(region)
        trunk = rules[2] if rules is not None else ""
        pairs.append(
            (digits[len(trunk) :] if trunk and digits.startswith(trunk) else digits, rules)
        )
    return pairs


@lru_cache(maxsize=65536)
def valid_phone(digits: str, international: bool) -> bool:
    """True when ``digits`` is a valid number for its calling code (international form)
    or for a likely region (national form), by libphonenumber's metadata: possible
    lengths and the number-type patterns, the checks ``is_valid_number`` makes, without
    the full parse that costs ten times more."""
    return any(_valid_national(nsn, rules) for nsn, rules in _rules_for(digits, international))


def possible_phone(digits: str, international: bool) -> bool:
    """True when the length fits the calling code or region (``is_possible_number``):
    a number that could be assigned, such as a test number with an unused area code."""
    return any(
        rules is not None and len(nsn) in rules[1] and nsn[:1] not in ("0", "1")
        for nsn, rules in _rules_for(digits, international)
    )


def _find_phones(text: str) -> Iterator[tuple[int, int]]:
    for match in _PHONE_IN_TEXT.finditer(text):
        yield match.span()


@classifier(
    id="phone-number",
    label="pii.phone_number",
    display_name="Phone number",
    category=Category.PII,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=r"(?:\+|00)?[\d ()./-]{6,24}\d(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?",
    validator=ValidatorKind.PHONE_NUMBER,
    charset=chars(DIGIT, SPACE, LOWER, "-().+/"),
    required=chars(DIGIT),
    min_len=7,
    max_len=40,
    name_hints=(
        hint("phone", "telephone", "tel", "mobile", "cell", "fax", "msisdn", "telefon"),
        hint("telefono", "telephone_number", "phone_number", "contact_number", "portable"),
        r"phone",
    ),
    negative_hints=(hint("phone_type", "has_phone", "phone_verified", "phone_count"),),
    strength=0.8,
    text_finder=_find_phones,
    context=("phone", "call", "tel", "mobile", "cell", "fax", "reach me", "text me"),
)
def phone_number(value: str) -> Verdict:
    """A phone number in international (+CC or 00CC) or national form, valid for its
    country by libphonenumber's metadata.

    Bare digit runs (no +, no separators) are only WEAK matches: a column of them is a
    phone column when its name says so, never an order-number column by accident. So
    are well-formed numbers that are possible but not assigned (test numbers with an
    unused area code). An extension (``x123``, ``ext. 123``) is allowed. IP addresses
    and dates are never phone numbers.
    """
    number = _EXTENSION.sub("", value)
    if _IP_OR_DATE.fullmatch(number):
        return Verdict.NO
    digits = re.sub(r"\D", "", number)
    if not 7 <= len(digits) <= 15:
        return Verdict.NO
    international = value.startswith(("+", "00"))
    if value.startswith("00"):
        digits = digits[2:]
    formatted = international or not _FORMATTING.isdisjoint(number)
    if valid_phone(digits, international):
        return Verdict.YES if formatted else Verdict.WEAK
    if formatted and possible_phone(digits, international):
        return Verdict.WEAK
    return Verdict.REJECTED if formatted else Verdict.NO
