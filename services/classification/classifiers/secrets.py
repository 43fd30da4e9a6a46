"""Secrets: cloud keys, tokens, private keys, JWTs, connection strings with passwords.

Vendor tokens with a fixed prefix (AKIA..., ghp_..., xoxb-..., AIza...) match on their
own; shapeless high-entropy strings (an AWS secret key, a generic API secret) are WEAK
and need a column name that says secret, token, key or password.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    UPPER,
    Category,
    Sensitivity,
    TextFinder,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    define,
    hint,
)
from services.classification.classifiers._checksums import looks_random, shannon_entropy

_SECRET = {"category": Category.SECRET, "sensitivity": Sensitivity.RESTRICTED}
_SECRET_HINTS = hint(
    "secret", "token", "api_key", "apikey", "password", "passwd", "pwd", "credential",
    "credentials", "private_key", "access_key", "client_secret", "signing_key", "auth_token",
    "key", "pass", "passphrase", "bearer",
)  # fmt: skip
_NOT_SECRET = hint(
    "token_type", "token_expiry", "expires", "expiry", "secret_question", "password_hint",
    "key_id", "key_name", "password_changed", "password_reset", "last", "count", "type",
)  # fmt: skip


def _finder(pattern: str) -> TextFinder:
    compiled = re.compile(pattern)

    def find(text: str) -> Iterator[tuple[int, int]]:
        for match in compiled.finditer(text):
            yield match.span()

    return find


define(
    id="aws-access-key-id",
    label="secret.aws_access_key_id",
    display_name="AWS access key ID",
    description="An AWS access key ID: a four-letter type prefix (AKIA long-term, ASIA "
    "temporary, AROA role...) and 16 base32 characters.",
    pattern=r"(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z2-7]{16}",
    charset=chars(UPPER, DIGIT),
    min_len=20,
    max_len=20,
    prefixes=("A",),
    name_hints=(hint("aws_access_key_id", "access_key_id", "aws_key", "access_key"),),
    strength=0.95,
    text_finder=_finder(r"\b(?:AKIA|ASIA|AROA|AIDA|AGPA)[A-Z2-7]{16}\b"),
    context=("aws", "key"),
    **_SECRET,
)


@classifier(
    id="aws-secret-access-key",
    weak_only=True,
    label="secret.aws_secret_access_key",
    display_name="AWS secret access key",
    pattern=r"[A-Za-z0-9/+]{40}",
    validator=ValidatorKind.ENTROPY,
    charset=chars(LETTERS, DIGIT, "/+"),
    min_len=40,
    max_len=40,
    name_hints=(r"aws_?secret", r"secret_?access_?key", hint("aws_secret_key", "secret_key")),
    strength=0.6,
    **_SECRET,
)
def aws_secret_access_key(value: str) -> Verdict:
    """An AWS secret access key: 40 base64 characters of high entropy with mixed case
    (a hex digest is not one). WEAK: needs a column name such as aws_secret."""
    if not (any(c.isupper() for c in value) and any(c.islower() for c in value)):
        return Verdict.NO
    return Verdict.WEAK if shannon_entropy(value) >= 4.0 else Verdict.NO


_AZURE_KEY = re.compile(r"AccountKey=([A-Za-z0-9+/]{86}==)", re.IGNORECASE)
_AZURE_SAS = re.compile(r"(?:^|[?&;])sig=[A-Za-z0-9%+/=]{20,}", re.IGNORECASE)


@classifier(
    id="azure-storage-credential",
    label="secret.azure_storage_credential",
    display_name="Azure storage key or connection string",
    charset=None,
    min_len=40,
    max_len=2048,
    name_hints=(hint("connection_string", "conn_str", "account_key", "storage_key", "sas"),),
    strength=0.9,
    text_finder=_finder(r"AccountKey=[A-Za-z0-9+/]{86}==|[?&]sig=[A-Za-z0-9%+/=]{20,}"),
    context=("azure", "storage", "key"),
    suppresses=("url", "generic-secret"),
    **_SECRET,
)
def azure_storage_credential(value: str) -> Verdict:
    """An Azure Storage account key (88 base64 characters ending in ``==``, in a
    connection string's ``AccountKey=``) or a shared access signature (``sig=``).
    A bare 88-character key is WEAK: the column name has to say key."""
    if _AZURE_KEY.search(value) or (_AZURE_SAS.search(value) and "sv=" in value):
        return Verdict.YES
    if len(value) == 88 and value.endswith("==") and re.fullmatch(r"[A-Za-z0-9+/]+=*", value):
        return Verdict.WEAK
    return Verdict.NO


define(
    id="gcp-api-key",
    label="secret.gcp_api_key",
    display_name="Google Cloud API key",
    description="A Google API key: AIza and 35 URL-safe base64 characters.",
    pattern=r"AIza[0-9A-Za-z_-]{35}",
    charset=chars(LETTERS, DIGIT, "_-"),
    min_len=39,
    max_len=39,
    prefixes=("AIza",),
    name_hints=(_SECRET_HINTS,),
    strength=0.95,
    text_finder=_finder(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    **_SECRET,
)

define(
    id="github-token",
    label="secret.github_token",
    display_name="GitHub token",
    description="A GitHub token: ghp_ (personal), gho_ (OAuth), ghu_/ghs_ (app), ghr_ "
    "(refresh) and 36 characters, or a fine-grained github_pat_ token.",
    pattern=r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255}",
    charset=chars(LETTERS, DIGIT, "_"),
    min_len=40,
    max_len=270,
    prefixes=("gh",),
    name_hints=(_SECRET_HINTS, hint("github")),
    strength=0.95,
    text_finder=_finder(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})\b"),
    **_SECRET,
)

define(
    id="slack-token",
    label="secret.slack_token",
    display_name="Slack token or webhook",
    description="A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-) or an incoming-webhook "
    "URL under hooks.slack.com/services/.",
    pattern=r"xox[abposr]-[A-Za-z0-9-]{10,250}"
    r"|https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+",
    charset=None,
    min_len=15,
    max_len=260,
    prefixes=("xox", "https://hooks.slack.com/"),
    name_hints=(_SECRET_HINTS, hint("slack", "webhook")),
    strength=0.95,
    text_finder=_finder(r"\bxox[abposr]-[A-Za-z0-9-]{10,250}"),
    suppresses=("url",),
    **_SECRET,
)

define(
    id="private-key",
    label="secret.private_key",
    display_name="Private key",
    description="A PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP).",
    pattern=r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"
    r"(?s:.*)",
    charset=None,
    min_len=40,
    prefixes=("-----BEGIN ",),
    name_hints=(_SECRET_HINTS, hint("pem", "private_key", "ssh_key")),
    strength=0.99,
    text_finder=_finder(
        r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"
    ),
    **_SECRET,
)


@classifier(
    id="jwt",
    label="secret.jwt",
    display_name="JSON Web Token",
    pattern=r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*",
    charset=chars(LETTERS, DIGIT, "_-."),
    min_len=30,
    max_len=8192,
    prefixes=("eyJ",),
    name_hints=(_SECRET_HINTS, hint("jwt", "id_token", "access_token", "refresh_token")),
    strength=0.95,
    text_finder=_finder(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),
    context=("token", "bearer", "jwt"),
    **_SECRET,
)
def jwt(value: str) -> Verdict:
    """A JSON Web Token (JWS compact form) whose header decodes to a JSON object with
    an ``alg``: three base64url segments starting ``eyJ``."""
    header = value.split(".", 1)[0]
    try:
        decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return Verdict.REJECTED
    return Verdict.YES if isinstance(decoded, dict) and "alg" in decoded else Verdict.REJECTED


_DB_URL = re.compile(
    r"(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver"
    r"|oracle|cockroachdb|clickhouse|snowflake|jdbc:[a-z0-9]+(?::[a-z0-9]+)?)"
    r"(?:\+[a-z0-9]+)?://[^\s:/@]*:([^\s@/]+)@\S+",
    re.IGNORECASE,
)
_KV_PASSWORD = re.compile(r"(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s]+", re.IGNORECASE)
_KV_SERVER = re.compile(
    r"(?:^|;)\s*(?:server|host|data source|address|addr|hostname)\s*=", re.IGNORECASE
)


@classifier(
    id="db-connection-string",
    required_any=(frozenset(":/@"), frozenset("=;")),
    label="secret.db_connection_string",
    display_name="Database connection string with password",
    charset=None,
    min_len=15,
    max_len=4096,
    name_hints=(hint("dsn", "connection_string", "conn_str", "database_url", "db_url", "jdbc"),),
    strength=0.95,
    text_finder=_finder(
        r"\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql)"
        r"://[^\s:/@]*:[^\s@/]+@\S+"
    ),
    suppresses=("url",),
    **_SECRET,
)
def db_connection_string(value: str) -> Verdict:
    """A database connection string that carries a password: a URL
    (``postgresql://user:secret@host/db``, mysql, mongodb, redis, jdbc:...) with a
    password, or an ADO.NET/ODBC string with ``Server=`` and ``Password=``. Without a
    password it is an address, not a secret."""
    if _DB_URL.match(value):
        return Verdict.YES
    if _KV_PASSWORD.search(value) and _KV_SERVER.search(value):
        return Verdict.YES
    return Verdict.NO


@classifier(
    id="generic-secret",
    weak_only=True,
    label="secret.generic_secret",
    display_name="Secret (password, API key or token)",
    validator=ValidatorKind.ENTROPY,
    charset=chars(LETTERS, DIGIT, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    min_len=8,
    max_len=512,
    name_hints=(_SECRET_HINTS,),
    negative_hints=(_NOT_SECRET,),
    strength=0.5,
    min_distinct=2,
    **_SECRET,
)
def generic_secret(value: str) -> Verdict:
    """A password, API key or token with no vendor format: no spaces, at least two
    kinds of character and high entropy for its length. WEAK: only a column named
    secret, token, api_key, password... is labelled."""
    size = len(value)
    floor = min(3.5, 0.75 * (size.bit_length() - 1))
    return Verdict.WEAK if looks_random(value, floor) else Verdict.NO
