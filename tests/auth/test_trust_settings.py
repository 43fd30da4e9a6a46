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


def _entra(**extra: object) -> str:
    issuer = {"issuer": "https://login.microsoftonline.com/t/v2.0", "audience": "api://p"}
    return json.dumps([{**issuer, **extra}])


def test_graph_lookups_need_the_app_credentials_and_a_trusted_graph() -> None:
    with pytest.raises(SettingsError, match="OIDC_GRAPH_CLIENT_SECRET"):
        _load(oidc_issuers=_entra(graph_groups=True), oidc_graph_client_id="app")
    with pytest.raises(SettingsError, match="graph_groups: true or false"):
        _load(oidc_issuers=_entra(graph_groups="yes"))
    for url in ("http://graph.example.com", "https://graph.microsoft.com/?x=1", "ftp://g"):
        with pytest.raises(SettingsError, match="OIDC_GRAPH_URL"):
            _load(oidc_graph_url=url)
    with pytest.raises(SettingsError, match="OIDC_GRAPH_CACHE_SECONDS"):
        _load(oidc_graph_cache_seconds=-1)
    settings = load_settings(
        {
            "PURSIGHT_OIDC_ISSUERS": _entra(graph_groups=True),
            "PURSIGHT_OIDC_GRAPH_CLIENT_ID": "app",
            "PURSIGHT_OIDC_GRAPH_CLIENT_SECRET": "not-to-be-printed",
            "PURSIGHT_OIDC_GRAPH_CACHE_SECONDS": "30",
        },
        data_dir="pursight-settings-test",
    )
    (issuer,) = settings.oidc_issuer_configs()
    assert issuer.graph_groups
    assert settings.oidc_graph_url == "https://graph.microsoft.com"
    assert settings.oidc_graph_cache_seconds == 30
    assert settings.redacted()["oidc_graph_client_secret"] == "***"
    assert "not-to-be-printed" not in repr(settings.redacted())
    # Off by default: an issuer that does not opt in needs no credentials.
    plain = load_settings({}, data_dir="pursight-settings-test", oidc_issuers=_entra())
    assert not plain.oidc_issuer_configs()[0].graph_groups
