"""Keeping secrets out of logs and audit records, by the name of the key they sit under.

A value is redacted when it follows a secret-looking key (``password=...``,
``"client_secret": "..."``, ``Authorization: Bearer ...``), when it is the password of
a URL (``postgresql://user:secret@host``), or when it is passed to a log call under such
a key (``log.info("%(token)s", {"token": t})`` or ``extra={"api_key": k}``). Matching by
name rather than by value is what DataHub's ``ConfigModel`` does: a value cannot be
recognised, but the code that handles it always names it.

``install_log_redaction`` puts the filter in front of every record the process makes
(through the record factory, so loggers and handlers configured later are covered too);
the CLI and the server install it at start.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

MASK = "***"

# Key names (compared case-insensitively, ignoring '-' and '_') whose values are secret.
SECRET_KEY_NAMES = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "secret",
        "clientsecret",
        "token",
        "accesstoken",
        "refreshtoken",
        "idtoken",
        "subjecttoken",
        "apikey",
        "accesskey",
        "accountkey",
        "privatekey",
        "secretkey",
        "credential",
        "credentials",
        "authorization",
        "connectionstring",
        "sastoken",
        "sharedaccesssignature",
        "servicesecret",
        "adminpassword",
        "databaseurl",
        "redisurl",
    }
)

_KEY_CHARS = r"[A-Za-z][A-Za-z0-9_-]{0,63}"
# key=value, key: value, "key": "value" (the key captured to decide, the value redacted).
_PAIR = re.compile(
    rf"""(?P<key>{_KEY_CHARS})(?P<sep>["']?\s*[:=]\s*["']?)(?P<value>[^\s"',;&}}\]]+)"""
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@/\s]+)(?=@)")


def is_secret_key(name: str) -> bool:
    """Whether a value stored under ``name`` is a secret."""
    flat = name.lower().replace("_", "").replace("-", "")
    return flat in SECRET_KEY_NAMES or flat.endswith(("password", "secret", "token", "apikey"))


def redact_text(text: str) -> str:
    """``text`` with the values of secret-named keys, bearer tokens and URL passwords
    replaced by ``***``."""
    if not text:
        return text

    def pair(match: re.Match[str]) -> str:
        if not is_secret_key(match.group("key")):
            return match.group(0)
        return f"{match.group('key')}{match.group('sep')}{MASK}"

    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    return _PAIR.sub(pair, text)


def redact_mapping(values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` with secret-named entries masked, recursively."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if is_secret_key(str(key)):
            out[key] = MASK
        elif isinstance(value, Mapping):
            out[key] = redact_mapping(value)
        elif isinstance(value, str):
            out[key] = redact_text(value)
        else:
            out[key] = value
    return out


_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None)))


class SecretRedactingFilter(logging.Filter):
    """Rewrites a record so no secret-named value reaches a handler.

    The message is formatted here (so a secret passed as an argument is caught), then
    redacted; ``extra`` attributes with secret names are masked; an exception's
    traceback text is formatted and redacted too (driver errors quote DSNs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key in set(vars(record)) - _STANDARD_ATTRIBUTES:
            if is_secret_key(key):
                setattr(record, key, MASK)
        if getattr(record, "_pursight_redacted", False):
            return True
        if isinstance(record.args, Mapping):  # log.info("%(password)s", {...})
            record.args = redact_mapping(record.args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):
            message = str(record.msg)
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        setattr(record, "_pursight_redacted", True)  # noqa: B010 - not a LogRecord attribute
        return True


_installed = False


def install_log_redaction() -> None:
    """Redacts every log record this process makes from now on; safe to call twice.

    The record factory sees each record's message, arguments and exception; ``extra``
    attributes are set on a record after the factory made it, so the filter also goes
    on the root logger's handlers present now (the CLI calls this after configuring
    logging)."""
    global _installed
    redactor = SecretRedactingFilter()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, SecretRedactingFilter) for f in handler.filters):
            handler.addFilter(redactor)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
