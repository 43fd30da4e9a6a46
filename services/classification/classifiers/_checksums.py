"""Check-digit algorithms shared by classifiers (and by custom ones through ``Validator``).

Each takes the digits (or characters) already stripped of separators and answers with a
bool; none raises on odd input, so a classifier can call it on any candidate.
"""

from __future__ import annotations

import math
from collections import Counter

_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def digits_only(value: str) -> str:
    """``value`` without spaces, dashes, dots and slashes (the usual separators)."""
    return value.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")


def luhn(digits: str) -> bool:
    """ISO/IEC 7812 Luhn check (cards, Canada SIN, US NPI)."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        total += _LUHN_DOUBLE[digit] if position % 2 else digit
    return total % 10 == 0


def mod97(text: str) -> bool:
    """ISO 7064 MOD 97-10 over an IBAN: country and check digits moved to the end,
    letters as 10..35; valid when the remainder is 1."""
    if len(text) < 5 or not text.isalnum() or not text.isascii():
        return False
    rearranged = text[4:] + text[:4]
    number = "".join(str(int(char, 36)) for char in rearranged.upper())
    return int(number) % 97 == 1


def verhoeff(digits: str) -> bool:
    """Verhoeff dihedral-group check (India Aadhaar)."""
    if not digits.isdigit():
        return False
    check = 0
    for position, char in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][ord(char) - 48]]
    return check == 0


def aba_routing(digits: str) -> bool:
    """ABA routing transit number: weights 3-7-1, and a Federal Reserve prefix."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    prefix = int(digits[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    weights = (3, 7, 1) * 3
    return sum(w * (ord(c) - 48) for w, c in zip(weights, digits, strict=True)) % 10 == 0


def weighted_mod(digits: str, weights: tuple[int, ...], modulus: int) -> int:
    """Sum of digit x weight, modulo ``modulus``."""
    return sum(w * (ord(c) - 48) for w, c in zip(weights, digits, strict=False)) % modulus


def iso7064_mod11_10(digits: str) -> bool:
    """ISO 7064 MOD 11,10 (Germany's Steuer-ID): the last digit checks the others."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    product = 10
    for char in digits[:-1]:
        total = (ord(char) - 48 + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    return check == ord(digits[-1]) - 48


def shannon_entropy(text: str) -> float:
    """Bits per character; random base64 is near 6, English words near 3."""
    if not text:
        return 0.0
    size = len(text)
    return -sum(n / size * math.log2(n / size) for n in Counter(text).values())


def looks_random(text: str, minimum_bits: float = 3.5) -> bool:
    """High entropy and a mix of character kinds: a key, not a word or a hex hash."""
    kinds = (
        any(c.islower() for c in text)
        + any(c.isupper() for c in text)
        + any(c.isdigit() for c in text)
    )
    return kinds >= 2 and shannon_entropy(text) >= minimum_bits
