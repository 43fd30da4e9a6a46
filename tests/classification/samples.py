"""Labelled sample columns for every built-in classifier: a positive set it must label,
and a trap set (same shape, failing check, or a misleading name) it must not.

Check digits are computed here by code written for the tests, not imported from the
service, so a wrong algorithm in the service fails these tests instead of agreeing with
itself. Published reference values (IBAN registry, card-network test numbers, CMS
examples) sit beside the generated ones.
"""

from __future__ import annotations

import random
from collections.abc import Callable

rng = random.Random(20261125)
Column = tuple[str, list[str]]


def _digits(n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def flip_last(value: str) -> str:
    last = value[-1]
    return value[:-1] + str((int(last) + 1) % 10) if last.isdigit() else value[:-1] + "Q"


def many(make: Callable[[], str], n: int = 12) -> list[str]:
    return [make() for _ in range(n)]


# --- generators, one per identifier -------------------------------------------------


def sin() -> str:
    body = _digits(8, "1234567")
    full = body + luhn_digit(body)
    return f"{full[:3]} {full[3:6]} {full[6:]}"


def insee() -> str:
    body = rng.choice("12") + f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}"
    body += f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    return f"{body} {97 - int(body) % 97:02d}"


def dni() -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def nie() -> str:
    prefix = rng.choice("XYZ")
    n = rng.randint(1_000_000, 9_999_999)
    number = int(str("XYZ".index(prefix)) + str(n))
    return f"{prefix}{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"


_ODD = [
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
]


def codice_fiscale() -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    body = "".join(rng.choice(letters) for _ in range(6)) + f"{rng.randint(40, 99)}"
    body += rng.choice("ABCDEHLMPRST") + f"{rng.randint(1, 71):02d}"
    body += rng.choice(letters) + f"{rng.randint(100, 999)}"
    total = 0
    for i, ch in enumerate(body):
        value = int(ch) if ch.isdigit() else ord(ch) - 65
        total += _ODD[value] if i % 2 == 0 else value
    return body + chr(65 + total % 26)


# Verhoeff: the multiplication table of the dihedral group D5, and the permutation
# p(i+1, j) = p(i, p(1, j)) built from its first row.
_VD = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
for _ in range(6):
    _VP.append([_VP[-1][_VP[1][j]] for j in range(10)])


def verhoeff_ok(number: str) -> bool:
    c = 0
    for i, ch in enumerate(reversed(number)):
        c = _VD[c][_VP[i % 8][int(ch)]]
    return c == 0


def aadhaar() -> str:
    body = _digits(11, "23456789")
    full = next(body + d for d in "0123456789" if verhoeff_ok(body + d))
    return f"{full[:4]} {full[4:8]} {full[8:]}"


def tfn() -> str:
    weights = (1, 4, 3, 7, 5, 8, 6, 9, 10)
    while True:
        n = _digits(9)
        if sum(int(c) * w for c, w in zip(n, weights, strict=True)) % 11 == 0:
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def steuer_id() -> str:
    while True:
        digits = rng.sample("0123456789", 9)
        if digits[0] == "0":
            continue
        digits.insert(rng.randint(1, 9), rng.choice(digits))
        body = "".join(digits)
        if any(body[i] == body[i + 1] == body[i + 2] for i in range(8)):
            continue
        product = 10
        for ch in body:
            total = (int(ch) + product) % 10 or 10
            product = total * 2 % 11
        return body + str((11 - product) % 10)


def bsn() -> str:
    while True:
        n = _digits(9)
        if (
            sum(int(c) * w for c, w in zip(n[:8], range(9, 1, -1), strict=True)) - int(n[8])
        ) % 11 == 0:
            return n


def cpf() -> str:
    body = _digits(9)
    for weight in (10, 11):
        total = sum(int(c) * (weight - i) for i, c in enumerate(body))
        body += str(total * 10 % 11 % 10)
    return f"{body[:3]}.{body[3:6]}.{body[6:9]}-{body[9:]}"


def ssn() -> str:
    return f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def itin() -> str:
    group = rng.choice([70, 71, 78, 88, 90, 94, 99])
    return f"9{rng.randint(0, 99):02d}-{group}-{rng.randint(1, 9999):04d}"


def npi() -> str:
    body = rng.choice("12") + _digits(8)
    return body + luhn_digit("80840" + body)


def nhs() -> str:
    while True:
        body = _digits(9, "456789")
        check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
        if check == 11:
            check = 0
        if check != 10:
            n = body + str(check)
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def dea() -> str:
    d = [rng.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return rng.choice("ABFM") + rng.choice("JKLMS") + "".join(map(str, d)) + str(check)


def mbi() -> str:
    letters = "ACDEFGHJKMNPQRTUVWXY"
    alnum = letters + "0123456789"
    layout = ["123456789", letters, alnum, "0123456789", letters, alnum, "0123456789"]
    layout += [letters, letters, "0123456789", "0123456789"]
    return "".join(rng.choice(allowed) for allowed in layout)


_VIN_T = {
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
}
_VIN_T.update(zip("STUVWXYZ", range(2, 10), strict=True))


def vin() -> str:
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    body = [rng.choice(chars) for _ in range(17)]
    weights = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
    total = sum(
        (int(c) if c.isdigit() else _VIN_T[c]) * w for c, w in zip(body, weights, strict=True)
    )
    body[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(body)


def card(prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)
