"""``pursight`` sub-commands.

pursight up [--demo]          every service and the gateway in one process
pursight serve SERVICE...     some services on one port (one per pod in the mesh)
pursight gateway              the REST gateway alone
pursight migrate [SERVICE...] apply database migrations and exit
pursight status               health of every service
pursight demo                 load the demo workspace into a running platform
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from services.registry import SERVICE_NAMES
from services.runtime.settings import Settings, SettingsError, load_settings, replace

log = logging.getLogger("pursight")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pursight", description="PurSight data governance")
    parser.add_argument("--log-level", help="overrides PURSIGHT_LOG_LEVEL")
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="run every service and the gateway in this process")
    up.add_argument("--demo", action="store_true", help="load the demo workspace once up")
    up.add_argument(
        "--processes",
        action="store_true",
        help="one process per service on its own port, as pods in the mesh",
    )
    up.add_argument("--grpc-port", type=int, help="overrides PURSIGHT_GRPC_PORT")
    up.add_argument("--gateway-port", type=int, help="overrides PURSIGHT_GATEWAY_PORT")

    serve = sub.add_parser("serve", help="run some services on one gRPC port")
    serve.add_argument("services", nargs="+", choices=[*SERVICE_NAMES], metavar="SERVICE")
    serve.add_argument("--grpc-port", type=int, help="overrides PURSIGHT_GRPC_PORT")

    gateway = sub.add_parser("gateway", help="run the REST gateway")
    gateway.add_argument("--gateway-port", type=int, help="overrides PURSIGHT_GATEWAY_PORT")

    migrate = sub.add_parser("migrate", help="apply database migrations and exit")
    migrate.add_argument(
        "services", nargs="*", metavar="SERVICE", help=f"default: all of {', '.join(SERVICE_NAMES)}"
    )

    sub.add_parser("status", help="health of every service at its address")

    demo = sub.add_parser("demo", help="load the demo workspace into a running platform")
    demo.add_argument("--username", help="default: the bootstrap administrator")
    demo.add_argument("--password", help="default: PURSIGHT_ADMIN_PASSWORD or the first-run file")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    changes: dict[str, object] = {}
    for option in ("grpc_port", "gateway_port", "log_level"):
        value = getattr(args, option, None)
        if value is not None:
            changes[option] = value
    return replace(settings, **changes) if changes else settings


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except SettingsError as exc:
        print(f"pursight: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from services.runtime.redaction import install_log_redaction

    install_log_redaction()
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    from services.cli import commands
    from services.runtime.telemetry import configure_telemetry

    if args.command in {"up", "serve", "gateway"}:
        role = (
            "gateway" if args.command == "gateway" else "-".join(getattr(args, "services", ["up"]))
        )
        configure_telemetry(f"pursight-{role}")

    handler = {
        "up": commands.up,
        "serve": commands.serve,
        "gateway": commands.gateway,
        "migrate": commands.migrate,
        "status": commands.status,
        "demo": commands.demo,
    }[args.command]
    try:
        return asyncio.run(handler(settings, args))
    except KeyboardInterrupt:
        return 130
