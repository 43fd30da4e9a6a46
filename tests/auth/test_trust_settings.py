"""The trust settings fail loudly at start: OIDC issuers and the key provider."""

from __future__ import annotations

import json

import pytest

from services.runtime.settings import SettingsError, load_settings


def _load(**values: object) -> object:
    return load_settings({}, data_dir="pursight-settings-test", **values)


def test_oidc_issuers_parse_into_typed_configs() -> None:
    settings = load_settings(
        {
            "PURSIGHT_OIDC_ISSUERS": json.dumps(
                [
                    {
                        "issuer": "https://login.microsoftonline.com/tenant/v2.0",
                        "audience": "api://pursight",
                        "group_roles": {"0f1e-guid": ["roles/auditor"]},
                    }
                ]
            )
        },
        data_dir="pursight-settings-test",
    )
    (issuer,) = settings.oidc_issuer_configs()
    assert issuer.audiences == ("api://pursight",)
    assert issuer.group_roles == {"0f1e-guid": ("roles/auditor",)}
    assert issuer.groups_claim == "groups"
    assert issuer.clock_skew_seconds == 60


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("not json", "not JSON"),
        ('{"issuer": "https://x"}', "JSON list"),
        ('[{"issuer": "http://idp.example.com", "audience": "a"}]', "https URL"),
        ('[{"issuer": "https://idp.example.com"}]', "audience"),
        ('[{"issuer": "https://idp.example.com", "audience": "a", "extra": 1}]', "unknown keys"),
        ('[{"issuer": "https://i.example", "audience": "a", "group_roles": {"g": "r"}}]', "roles"),
        ('[{"issuer": "https://i.example", "audience": "a", "clock_skew_seconds": 9999}]', "600"),
    ],
)
def test_bad_oidc_issuers_name_the_problem(value: str, complaint: str) -> None:
    with pytest.raises(SettingsError, match="PURSIGHT_OIDC_ISSUERS") as caught:
        _load(oidc_issuers=value)
    assert complaint in str(caught.value)


def test_the_key_provider_is_checked() -> None:
    with pytest.raises(SettingsError, match="KEY_PROVIDER"):
        _load(key_provider="vault9000")
    with pytest.raises(SettingsError, match="KEY_VAULT_KEY_URL"):
        _load(key_provider="azure")
    assert _load(key_provider="azure", key_vault_key_url="https://v.vault.azure.net/keys/kek")
