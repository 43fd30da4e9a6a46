from __future__ import annotations

from pathlib import Path

import pytest

from services.runtime.settings import SettingsError, load_settings


def test_environment_values_are_typed() -> None:
    settings = load_settings(
        {
            "PURSIGHT_GRPC_PORT": "6000",
            "PURSIGHT_SHUTDOWN_GRACE_SECONDS": "2.5",
            "PURSIGHT_LOG_LEVEL": "debug",
        }
    )
    assert settings.grpc_port == 6000
    assert settings.shutdown_grace_seconds == 2.5
    assert settings.log_level == "debug"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PURSIGHT_GRPC_PORT", "sixty", "PURSIGHT_GRPC_PORT: expected an integer"),
        ("PURSIGHT_GRPC_PORT", "70000", "is not a port"),
        ("PURSIGHT_SHUTDOWN_GRACE_SECONDS", "soon", "expected a number"),
        ("PURSIGHT_LOG_LEVEL", "chatty", "unknown level"),
        ("PURSIGHT_SERVICE_ADDRESSES", "catalog", "expected service=host:port"),
        ("PURSIGHT_DATABASE_POOL_MAX", "0", "DATABASE_POOL_MAX"),
    ],
)
def test_bad_values_fail_loudly_naming_the_variable(
    variable: str, value: str, message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({variable: value})


def test_config_file_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "pursight.toml"
    config.write_text("grpc_port = 7000\ngateway_port = 7001\n")
    settings = load_settings({"PURSIGHT_CONFIG_FILE": str(config), "PURSIGHT_GATEWAY_PORT": "7100"})
    assert settings.grpc_port == 7000
    assert settings.gateway_port == 7100  # the environment wins


def test_unknown_keys_in_config_file_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "pursight.toml"
    config.write_text("grpc_prot = 7000\n")
    with pytest.raises(SettingsError, match="unknown settings"):
        load_settings({"PURSIGHT_CONFIG_FILE": str(config)})


def test_secrets_are_redacted() -> None:
    settings = load_settings(
        {
            "PURSIGHT_DATABASE_URL": "postgresql://u:hunter2@db/x",
            "PURSIGHT_ADMIN_PASSWORD": "hunter2-Again!",
        }
    )
    shown = repr(settings.redacted())
    assert "hunter2" not in shown
    assert settings.redacted()["database_url"] == "***"
    # The object itself too: it lands in tracebacks, logs and test failure output.
    for text in (repr(settings), str(settings), f"{settings}"):
        assert "hunter2" not in text
        assert "database_url='***'" in text


def test_service_addresses_map_with_local_default() -> None:
    settings = load_settings(
        {"PURSIGHT_SERVICE_ADDRESSES": "catalog=cat:1, auth=auth:2", "PURSIGHT_GRPC_PORT": "9"}
    )
    assert settings.service_address("catalog") == "cat:1"
    assert settings.service_address("auth") == "auth:2"
    assert settings.service_address("scan") == "127.0.0.1:9"


def test_scan_settings_are_read_and_checked_with_the_rest() -> None:
    from services.scan.config import ScanConfig

    settings = load_settings({"PURSIGHT_SCAN_WORKERS": "0", "PURSIGHT_SCAN_LEASE_SECONDS": "2.5"})
    config = ScanConfig.from_settings(settings)
    assert (config.workers, config.lease_seconds) == (0, 2.5)
    assert config.batch_objects_metadata_only == ScanConfig().batch_objects_metadata_only
    for env, message in (
        ({"PURSIGHT_SCAN_WORKERS": "four"}, "PURSIGHT_SCAN_WORKERS"),
        ({"PURSIGHT_SCAN_WORKERS": "-1"}, "PURSIGHT_SCAN_WORKERS"),
        ({"PURSIGHT_SCAN_LEASE_SECONDS": "0.5"}, "PURSIGHT_SCAN_LEASE_SECONDS"),
        ({"PURSIGHT_SCAN_BATCH_COLUMNS": "0"}, "PURSIGHT_SCAN_BATCH_COLUMNS"),
    ):
        with pytest.raises(SettingsError, match=message):
            load_settings(env)
