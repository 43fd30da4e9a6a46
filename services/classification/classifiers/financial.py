"""Financial identifiers: payment cards, IBAN, SWIFT/BIC, ABA routing, crypto wallets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    LOWER,
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
from services.classification.classifiers._checksums import aba_routing, luhn, mod97
from services.classification.classifiers._countries import COUNTRY_CODES, IBAN_LENGTHS

_CARD_IN_TEXT = re.compile(r"(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])")
_IBAN_IN_TEXT = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")


def card_brand(digits: str) -> str:
    """The issuer network by IIN range and length, or "" when none fits."""
    size = len(digits)
    two, four, six = int(digits[:2]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and size in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and size == 16:
        return "mastercard"
    if two in (34, 37) and size == 15:
        return "amex"
    if 16 <= size <= 19 and (
        four == 6011 or 644 <= int(digits[:3]) <= 649 or two == 65 or 622126 <= six <= 622925
    ):
        return "discover"
    if 3528 <= four <= 3589 and 16 <= size <= 19:
        return "jcb"
    if 14 <= size <= 19 and (300 <= int(digits[:3]) <= 305 or four == 3095 or two in (36, 38, 39)):
        return "diners"
    if two == 62 and 16 <= size <= 19:
        return "unionpay"
    if size >= 12 and four in (5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763):
        return "maestro"
    return ""


def _find(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    for match in pattern.finditer(text):
        yield match.span()


@classifier(
    id="credit-card",
    label="financial.credit_card",
    display_name="Payment card number",
    category=Category.FINANCIAL,
    sensitivity=Sensitivity.RESTRICTED,
    pattern=r"\d(?:[ -]?\d){11,18}",
    validator=ValidatorKind.LUHN,
    charset=chars(DIGIT, SPACE, "-"),
    required=chars(DIGIT),
    min_len=12,
    max_len=23,
    name_hints=(hint("card", "cc", "pan", "card_number", "cc_number", "credit_card", "ccnum"),),
    negative_hints=(hint("card_type", "card_brand", "card_expiry", "last4", "last_four"),),
    strength=0.9,
    text_finder=lambda text: _find(_CARD_IN_TEXT, text),
    context=("card", "visa", "mastercard", "amex", "credit", "debit"),
    suppresses=("phone-number", "us-npi", "uk-nhs-number"),
)
def credit_card(value: str) -> Verdict:
    """A payment card number (PAN): 12-19 digits, optionally grouped by spaces or
    dashes, in an issuer range (Visa, Mastercard incl. 2-series, Amex, Discover, JCB,
    Diners, UnionPay, Maestro) with the right length, and a valid Luhn checksum.

    A number in an issuer range that fails Luhn (an order number) is REJECTED.
    """
    digits = value.replace(" ", "").replace("-", "")
    if not card_brand(digits):
        return Verdict.NO
    return Verdict.YES if luhn(digits) else Verdict.REJECTED


@classifier(
    id="iban",
    label="financial.iban",
    display_name="IBAN",
    category=Category.FINANCIAL,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=r"[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}",
    validator=ValidatorKind.MOD97,
    charset=chars(DIGIT, LETTERS, SPACE),
    required=chars(DIGIT),
    min_len=15,
    max_len=42,
    name_hints=(hint("iban", "account", "bank_account", "account_number", "konto", "rib"),),
    strength=0.95,
    text_finder=lambda text: _find(_IBAN_IN_TEXT, text),
    context=("iban", "account", "bank", "transfer"),
)
def iban(value: str) -> Verdict:
    """An International Bank Account Number: a country with IBANs, that country's
    length, and ISO 7064 mod-97 check digits. A bad checksum is REJECTED."""
    compact = value.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is None:
        return Verdict.NO
    if len(compact) != expected:
        return Verdict.REJECTED
    return Verdict.YES if mod97(compact) else Verdict.REJECTED


@classifier(
    id="swift-bic",
    label="financial.swift_bic",
    display_name="SWIFT/BIC code",
    category=Category.FINANCIAL,
    sensitivity=Sensitivity.INTERNAL,
    pattern=r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?",
    charset=chars(DIGIT, UPPER),
    required=chars(UPPER),
    min_len=8,
    max_len=11,
    name_hints=(hint("swift", "bic", "swift_code", "bic_code", "swift_bic"),),
    strength=0.6,
)
def swift_bic(value: str) -> Verdict:
    """A Business Identifier Code (ISO 9362): bank, ISO country, location, optional
    branch. Eight capital letters could be any word, so those are WEAK (a column named
    swift/bic makes them count); a digit in the location or a branch code makes a match.
    """
    if value[4:6] not in COUNTRY_CODES:
        return Verdict.NO
    if len(value) == 11 or not value[6:8].isalpha():
        return Verdict.YES
    return Verdict.WEAK


@classifier(
    id="us-aba-routing",
    label="financial.us_aba_routing",
    display_name="U.S. ABA routing number",
    category=Category.FINANCIAL,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=r"\d{9}",
    validator=ValidatorKind.ABA_ROUTING,
    charset=chars(DIGIT),
    min_len=9,
    max_len=9,
    name_hints=(hint("routing", "aba", "routing_number", "rtn", "aba_number", "transit"),),
    strength=0.6,
    countries=("US",),
)
def us_aba_routing(value: str) -> Verdict:
    """A U.S. bank routing transit number: nine digits, a Federal Reserve prefix
    (00-12, 21-32, 61-72, 80) and the 3-7-1 weighted checksum."""
    return Verdict.YES if aba_routing(value) else Verdict.REJECTED


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _base58check(text: str) -> bool:
    number = 0
    for char in text:
        index = _B58.find(char)
        if index < 0:
            return False
        number = number * 58 + index
    raw = number.to_bytes(25, "big") if number.bit_length() <= 200 else b""
    if len(raw) != 25:
        return False
    digest = hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()
    return raw[21:] == digest[:4]


def _bech32(text: str) -> bool:
    hrp, _, data = text.lower().rpartition("1")
    if hrp != "bc" or len(data) < 6 or any(c not in _BECH32 for c in data):
        return False
    check = 1
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    values += [_BECH32.index(c) for c in data]
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_BECH32_GEN):
            if (top >> i) & 1:
                check ^= gen
    return check in (1, 0x2BC830A3)  # bech32 (segwit v0), bech32m (taproot)


@classifier(
    id="crypto-wallet",
    label="financial.crypto_wallet",
    display_name="Cryptocurrency wallet address",
    category=Category.FINANCIAL,
    sensitivity=Sensitivity.CONFIDENTIAL,
    pattern=r"[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc|BC)1[0-9A-Za-z]{11,71}|0x[0-9a-fA-F]{40}",
    validator=ValidatorKind.CHECKSUM,
    charset=chars(DIGIT, UPPER, LOWER),
    min_len=26,
    max_len=74,
    prefixes=("1", "3", "bc1", "BC1", "0x"),
    name_hints=(hint("wallet", "btc", "bitcoin", "eth", "ethereum", "crypto", "address"),),
    strength=0.8,
)
def crypto_wallet(value: str) -> Verdict:
    """A Bitcoin address (base58check P2PKH/P2SH with its double-SHA-256 checksum, or
    bech32/bech32m segwit with its BCH checksum) or an Ethereum address (0x and 40 hex
    digits; EIP-55 case is not checked, it needs Keccak)."""
    if value.startswith("0x"):
        return Verdict.YES
    if value[:3].lower() == "bc1":
        return Verdict.YES if _bech32(value) else Verdict.REJECTED
    return Verdict.YES if _base58check(value) else Verdict.REJECTED
