"""Every setting PurSight reads, in one place.

Values come from ``PURSIGHT_*`` environment variables, then from an optional TOML file
named by ``PURSIGHT_CONFIG_FILE`` (the environment wins). Each value is cast to its
declared type and a bad one stops the process with the variable's name: a typo in a
deployment should fail at start, not at the first request that needs the value.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints
from urllib.parse import urlsplit

from services.runtime.forwarded import Network, parse_networks

ENV_PREFIX = "PURSIGHT_"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _default_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "pursight")


@dataclass(frozen=True)
class Settings:
    """The platform's configuration. Field ``foo_bar`` is ``PURSIGHT_FOO_BAR``."""

    # Where embedded stores, signing keys and the admin's first password live.
    data_dir: str = field(default_factory=_default_data_dir)
    # PostgreSQL; empty starts the embedded server in data_dir.
    database_url: str = field(default="", metadata={"secret": True})
    # Optional read replica for reads that may be stale.
    database_replica_url: str = field(default="", metadata={"secret": True})
    database_pool_min: int = 1
    database_pool_max: int = 10
    # Redis; empty starts the embedded server in data_dir.
    redis_url: str = field(default="", metadata={"secret": True})
    # Interface and port of the gRPC server hosting the services of this process.
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50051
    # Gateway (REST) interface and port.
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8080
    # Proxies in front of the gateway whose X-Forwarded-For hops it believes, as
    # addresses or networks ("127.0.0.0/8,::1"): a mesh sidecar, the ingress controller.
    # Empty: the client is whoever connected (services/runtime/forwarded.py).
    gateway_trusted_proxies: str = ""
    # Port of the Prometheus /metrics endpoint (services and gateway); 0 keeps it off.
    metrics_port: int = 0
    # Addresses of services hosted elsewhere, "catalog=host:port,auth=host:port".
    # A service missing here is reached on this process's own gRPC address.
    service_addresses: str = ""
    # Largest message accepted or sent, in bytes.
    max_message_bytes: int = 16 * 1024 * 1024
    # Seconds in-flight calls get to finish after SIGTERM.
    shutdown_grace_seconds: float = 10.0
    # Deadline of inter-service and gateway upstream calls, in seconds.
    call_timeout_seconds: float = 30.0
    # Issuer and audience written into and required of access tokens.
    token_issuer: str = "https://pursight.local"  # noqa: S105 - an issuer URL
    token_audience: str = "pursight"  # noqa: S105 - an audience name
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    # Bootstrap administrator; the password is generated and printed once when empty.
    admin_username: str = "admin"
    admin_password: str = field(default="", metadata={"secret": True})
    # Failed logins allowed per user and per client address in login_window_seconds.
    login_max_failures: int = 5
    login_window_seconds: int = 300
    # Log level name.
    log_level: str = "INFO"
    # Base64 secret (>= 32 bytes) services sign their own calls with; shared by every
    # PurSight process. Empty: a key file in data_dir (fine on one machine).
    service_secret: str = field(default="", metadata={"secret": True})
    # Seconds an OIDC/JWKS key set is cached before it is fetched again.
    jwks_cache_seconds: int = 300
    # Where the key-encryption key of stored secrets lives: "local" (the key file
    # data_dir/keys/secret.key) or "azure" (the Key Vault key at key_vault_key_url,
    # https://<vault>.vault.azure.net/keys/<name>; needs the `azure` extra).
    key_provider: str = "local"
    key_vault_key_url: str = ""
    # OIDC issuers whose tokens ExchangeToken accepts, as a JSON list of objects:
    # {"issuer": URL, "audience": "id" or ["id", ...], "groups_claim": "groups",
    #  "group_roles": {"<group>": ["roles/<role>", ...]}, "clock_skew_seconds": 60,
    #  "graph_groups": false}. With "graph_groups": true (Entra ID issuers only), a
    # token whose groups overflowed ("groups overage") has them looked up in Microsoft
    # Graph, as the app below; without it such a token maps to no group roles.
    oidc_issuers: str = ""
    # Microsoft Graph, for the groups of overage tokens: its base URL (another national
    # cloud's Graph, e.g. https://graph.microsoft.us, or a loopback test server), and the
    # PurSight app registration that reads it with the client-credentials flow at the
    # issuer's token endpoint (application permission User.Read.All or
    # GroupMember.Read.All, admin-consented). The secret is never logged or returned.
    oidc_graph_url: str = "https://graph.microsoft.com"
    oidc_graph_client_id: str = ""
    oidc_graph_client_secret: str = field(default="", metadata={"secret": True})
    # Seconds a user's groups read from Graph are reused (0: every exchange asks).
    oidc_graph_cache_seconds: int = 120
    # Scan workers (asyncio tasks, one task each at a time) of a process hosting the scan
    # service; 0 serves the API only (a front-end replica).
    scan_workers: int = 4
    # Seconds a claimed scan task stays leased without a heartbeat: a dead worker's tasks
    # are taken again this long after its last heartbeat.
    scan_lease_seconds: float = 30.0
    # How often an idle scan worker looks for work when no announcement wakes it.
    scan_poll_seconds: float = 1.0
    # A scan task whose workers died this many times is given up (its objects fail).
    scan_max_attempts: int = 3
    # Objects per scan task: few when sampling (slow per object), many for metadata only;
    # and columns per task, whatever the number of objects. Each task costs a catalog
    # call, a transaction and its bookkeeping: 128 tables (up to 3,000 columns) a task
    # scanned 2,000 tables of metadata in 5.0 s against 5.6 s with 64 and 1,500
    # (bench.scan_vs_datahub --only metadata, 3-4 runs each).
    scan_batch_objects: int = 8
    scan_batch_objects_metadata_only: int = 128
    scan_batch_columns: int = 3000
    # Scan tasks the planner queues per transaction.
    scan_planner_chunk: int = 64

    def trusted_proxies(self) -> tuple[Network, ...]:
        """gateway_trusted_proxies, parsed (a bad value already failed at load)."""
        return parse_networks(self.gateway_trusted_proxies)

    def oidc_issuer_configs(self) -> tuple[OidcIssuer, ...]:
        """The trusted OIDC issuers, parsed (a bad value already failed at load)."""
        return parse_oidc_issuers(self.oidc_issuers)

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict with secret values masked, safe to log or print."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = "***" if f.metadata.get("secret") and value else value
        return out

    def __repr__(self) -> str:
        # A settings object ends up in tracebacks, debug logs and test failures: the
        # generated repr would print database passwords and signing secrets there.
        shown = ", ".join(f"{k}={v!r}" for k, v in self.redacted().items())
        return f"Settings({shown})"

    def service_address(self, service: str) -> str:
        """Where to reach ``service``: its configured address or this process's server."""
        return self.address_map().get(service, f"{self.grpc_host}:{self.grpc_port}")

    def address_map(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in self.service_addresses.split(","))):
            service, sep, address = item.partition("=")
            if not sep or not service.strip() or not address.strip():
                raise SettingsError(
                    f"{ENV_PREFIX}SERVICE_ADDRESSES: expected service=host:port, got {item!r}"
                )
            mapping[service.strip()] = address.strip()
        return mapping


@dataclass(frozen=True)
class OidcIssuer:
    """One trusted OIDC issuer: whose tokens, for whom, and what their groups mean."""

    issuer: str
    audiences: tuple[str, ...]
    groups_claim: str = "groups"
    # Issuer group (an Entra ID object id, a Keycloak group path...) -> PurSight roles.
    group_roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    clock_skew_seconds: int = 60
    # Look up the groups of overage tokens in Microsoft Graph (PURSIGHT_OIDC_GRAPH_*).
    graph_groups: bool = False


def parse_oidc_issuers(text: str) -> tuple[OidcIssuer, ...]:
    """``PURSIGHT_OIDC_ISSUERS`` parsed and checked; SettingsError names what is wrong."""
    if not text.strip():
        return ()
    env = ENV_PREFIX + "OIDC_ISSUERS"
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise SettingsError(f"{env}: not JSON ({exc})") from None
    if not isinstance(raw, list):
        raise SettingsError(f"{env}: expected a JSON list of issuers")
    issuers: list[OidcIssuer] = []
    for index, item in enumerate(raw):
        where = f"{env}[{index}]"
        if not isinstance(item, dict):
            raise SettingsError(f"{where}: expected an object")
        unknown = set(item) - {
            "issuer",
            "audience",
            "groups_claim",
            "group_roles",
            "clock_skew_seconds",
            "graph_groups",
        }
        if unknown:
            raise SettingsError(f"{where}: unknown keys {sorted(unknown)}")
        issuer = item.get("issuer")
        if not isinstance(issuer, str) or not _trusted_url(issuer):
            raise SettingsError(f"{where}.issuer: an https URL (http only on a loopback host)")
        audience = item.get("audience")
        audiences = (audience,) if isinstance(audience, str) else audience
        if not audiences or not all(isinstance(a, str) and a for a in audiences):
            raise SettingsError(f"{where}.audience: a non-empty string or list of strings")
        roles = item.get("group_roles", {})
        if not isinstance(roles, dict) or not all(
            isinstance(v, list) and all(isinstance(r, str) for r in v) for v in roles.values()
        ):
            raise SettingsError(f"{where}.group_roles: an object of group -> list of roles")
        skew = item.get("clock_skew_seconds", 60)
        if not isinstance(skew, int) or not 0 <= skew <= 600:
            raise SettingsError(f"{where}.clock_skew_seconds: 0 to 600 seconds")
        groups_claim = item.get("groups_claim", "groups")
        if not isinstance(groups_claim, str) or not groups_claim:
            raise SettingsError(f"{where}.groups_claim: a claim name")
        graph_groups = item.get("graph_groups", False)
        if not isinstance(graph_groups, bool):
            raise SettingsError(f"{where}.graph_groups: true or false")
        issuers.append(
            OidcIssuer(
                issuer=issuer,
                audiences=tuple(audiences),
                groups_claim=groups_claim,
                group_roles={group: tuple(r) for group, r in roles.items()},
                clock_skew_seconds=skew,
                graph_groups=graph_groups,
            )
        )
    return tuple(issuers)


def _trusted_url(url: str) -> bool:
    """https, or http to this machine (a development or test issuer)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"}


def _cast(name: str, raw: object, kind: type) -> object:
    env = ENV_PREFIX + name.upper()
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"{env}: expected a boolean, got {raw!r}")
    if kind is int:
        try:
            return int(str(raw).strip())
        except ValueError:
            raise SettingsError(f"{env}: expected an integer, got {raw!r}") from None
    if kind is float:
        try:
            return float(str(raw).strip())
        except ValueError:
            raise SettingsError(f"{env}: expected a number, got {raw!r}") from None
    return str(raw)


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Reads the settings: environment over config file over defaults, then overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    config_file = env.get(ENV_PREFIX + "CONFIG_FILE")
    known = {f.name for f in fields(Settings)}
    if config_file:
        try:
            with open(config_file, "rb") as handle:
                file_values = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{ENV_PREFIX}CONFIG_FILE {config_file}: {exc}") from None
        unknown = set(file_values) - known
        if unknown:
            raise SettingsError(f"{config_file}: unknown settings {sorted(unknown)}")
        values.update(file_values)
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX) or key == ENV_PREFIX + "CONFIG_FILE":
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name in known:
            values[name] = raw
    values.update(overrides)
    hints = get_type_hints(Settings)
    cast = {name: _cast(name, raw, hints[name]) for name, raw in values.items()}
    settings = Settings(**cast)  # type: ignore[arg-type]
    settings = dataclasses.replace(settings, data_dir=settings.data_dir)
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    for name in ("grpc_port", "gateway_port", "metrics_port"):
        port = getattr(settings, name)
        if not 0 <= port <= 65535:
            raise SettingsError(f"{ENV_PREFIX}{name.upper()}: {port} is not a port")
    if settings.database_pool_min < 1 or settings.database_pool_max < settings.database_pool_min:
        raise SettingsError(
            f"{ENV_PREFIX}DATABASE_POOL_MAX must be at least {ENV_PREFIX}DATABASE_POOL_MIN (>= 1)"
        )
    if settings.access_token_ttl_seconds < 30:
        raise SettingsError(f"{ENV_PREFIX}ACCESS_TOKEN_TTL_SECONDS must be at least 30")
    if settings.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"{ENV_PREFIX}LOG_LEVEL: unknown level {settings.log_level!r}")
    settings.address_map()
    try:
        parse_networks(settings.gateway_trusted_proxies)
    except ValueError as exc:
        raise SettingsError(f"{ENV_PREFIX}GATEWAY_TRUSTED_PROXIES: {exc}") from None
    _validate_graph(settings, parse_oidc_issuers(settings.oidc_issuers))
    _validate_scan(settings)
    if settings.key_provider not in {"local", "azure"}:
        raise SettingsError(f"{ENV_PREFIX}KEY_PROVIDER: expected local or azure")
    if settings.key_provider == "azure" and not settings.key_vault_key_url:
        raise SettingsError(f"{ENV_PREFIX}KEY_VAULT_KEY_URL is required with the azure provider")


def _validate_graph(settings: Settings, issuers: tuple[OidcIssuer, ...]) -> None:
    graph = urlsplit(settings.oidc_graph_url)
    if not _trusted_url(settings.oidc_graph_url) or graph.query or graph.fragment:
        raise SettingsError(
            f"{ENV_PREFIX}OIDC_GRAPH_URL: an https base URL (http only on a loopback host),"
            " without query or fragment"
        )
    if settings.oidc_graph_cache_seconds < 0:
        raise SettingsError(f"{ENV_PREFIX}OIDC_GRAPH_CACHE_SECONDS must not be negative")
    if any(i.graph_groups for i in issuers) and not (
        settings.oidc_graph_client_id and settings.oidc_graph_client_secret
    ):
        raise SettingsError(
            f"{ENV_PREFIX}OIDC_GRAPH_CLIENT_ID and {ENV_PREFIX}OIDC_GRAPH_CLIENT_SECRET are"
            f' required when an issuer of {ENV_PREFIX}OIDC_ISSUERS has "graph_groups": true'
        )


def _validate_scan(settings: Settings) -> None:
    if settings.scan_workers < 0:
        raise SettingsError(f"{ENV_PREFIX}SCAN_WORKERS must not be negative")
    if settings.scan_lease_seconds < 1:
        raise SettingsError(f"{ENV_PREFIX}SCAN_LEASE_SECONDS must be at least 1")
    if settings.scan_poll_seconds <= 0:
        raise SettingsError(f"{ENV_PREFIX}SCAN_POLL_SECONDS must be positive")
    for name in (
        "scan_max_attempts",
        "scan_batch_objects",
        "scan_batch_objects_metadata_only",
        "scan_batch_columns",
        "scan_planner_chunk",
    ):
        if getattr(settings, name) < 1:
            raise SettingsError(f"{ENV_PREFIX}{name.upper()} must be at least 1")


def replace(settings: Settings, **changes: object) -> Settings:
    """A copy of ``settings`` with some fields changed, validated like a fresh load."""
    updated = dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
    _validate(updated)
    return updated
