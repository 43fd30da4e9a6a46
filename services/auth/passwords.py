"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

import asyncio
import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.runtime.errors import FieldViolation

MIN_LENGTH = 12
MAX_LENGTH = 1024

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost
# Verified against when the user does not exist, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


def policy_violations(password: str, username: str, field: str) -> list[FieldViolation]:
    """What is wrong with ``password`` under the policy; empty when it is acceptable."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters")
    if username and username.lower() in password.lower():
        problems.append("must not contain the user name")
    classes = sum(
        any(ch in group for ch in password)
        for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    ) + any(not ch.isalnum() for ch in password)
    if classes < 3:
        problems.append("must mix at least three of: lower case, upper case, digits, symbols")
    return [FieldViolation(field, p) for p in problems]


def generate_password() -> str:
    """A random password that meets the policy."""
    while True:
        candidate = secrets.token_urlsafe(18)
        if not policy_violations(candidate, "", "password"):
            return candidate
