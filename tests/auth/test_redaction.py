"""Secrets are redacted from logs by the name of the key they sit under."""

from __future__ import annotations

import logging

import pytest

from services.runtime.redaction import (
    SecretRedactingFilter,
    install_log_redaction,
    redact_mapping,
    redact_text,
)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password=hunter2-long", "hunter2-long"),
        ('{"client_secret": "s3cr3t-value"}', "s3cr3t-value"),
        ("api_key: psk_abc_def123", "psk_abc_def123"),
        ("Authorization: Bearer eyJhbGciOiJFZERTQSJ9.x.y", "eyJhbGciOiJFZERTQSJ9"),
        ("postgresql://app:pa55word@db:5432/shop", "pa55word"),
        ("AccountKey=Eby8vdM02xNOcqFl==;EndpointSuffix=core", "Eby8vdM02xNOcqFl"),
        ("refresh_token='abc.def-ghi'", "abc.def-ghi"),
    ],
)
def test_secret_values_are_masked(text: str, secret: str) -> None:
    redacted = redact_text(text)
    assert secret not in redacted
    assert "***" in redacted


def test_other_values_are_left_alone() -> None:
    text = "user=alice workspace=sales tokens_issued=3 method=/pursight.auth.v1.AuthService/Login"
    assert redact_text(text) == text
    assert redact_mapping(
        {"update_mask": ["description"], "password": "x", "nested": {"token": 1}}
    ) == {
        "update_mask": ["description"],
        "password": "***",
        "nested": {"token": "***"},
    }


def test_the_filter_covers_arguments_extras_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    install_log_redaction()
    install_log_redaction()  # twice is harmless
    logger = logging.getLogger("tests.redaction")
    caplog.handler.addFilter(SecretRedactingFilter())
    with caplog.at_level(logging.INFO, logger="tests.redaction"):
        logger.info("connecting with password=%s to %s", "Sup3r-Secret!", "db")
        logger.info("settings %(password)s", {"password": "Other-Secret-9"})
        logger.info("login", extra={"api_key": "psk_live_123456"})
        try:
            raise ValueError("cannot connect to postgresql://u:Hidden-Pw1@host/db")
        except ValueError:
            logger.exception("failed")
    output = "\n".join(
        [r.getMessage() for r in caplog.records]
        + [str(getattr(r, "api_key", "")) for r in caplog.records]
        + [r.exc_text or "" for r in caplog.records]
    )
    for secret in ("Sup3r-Secret!", "Other-Secret-9", "psk_live_123456", "Hidden-Pw1"):
        assert secret not in output
        assert secret not in caplog.text
    assert "to db" in output
