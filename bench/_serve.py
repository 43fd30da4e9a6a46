"""Entry point of the benchmark's server children (``python -m bench._serve``).

``platform --data-dir D`` starts PurSight as the tests do; ``echo --payload HEX`` starts
a grpc.aio server with no interceptors, no auth and no database that answers every
call of ``/bench.Echo/Echo`` with the given bytes. Each prints ``READY {json}`` once it
serves and stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
from pathlib import Path
from typing import Any

import grpc

from bench._proc import READY, bench_settings, usable_services

ECHO_METHOD = "/bench.Echo/Echo"


class EchoHandler(grpc.GenericRpcHandler):
    """Bytes in, the same fixed bytes out: the floor of a grpc.aio unary call."""

    def __init__(self, payload: bytes, any_method: bool = False) -> None:
        self._payload = payload
        self._any_method = any_method

    def service(
        self, handler_call_details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler | None:
        if handler_call_details.method != ECHO_METHOD and not self._any_method:
            return None
        return grpc.unary_unary_rpc_method_handler(self._echo)

    async def _echo(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        return self._payload


def _ready(info: dict[str, Any]) -> None:
    print(READY + json.dumps(info), flush=True)


async def _until_sigterm() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def serve_echo(payload: bytes, registered: int, any_method: bool) -> None:
    """``registered`` > 0 also registers that many methods the way generated
    ``add_*Servicer_to_server`` functions do (registered method handlers);
    ``any_method`` answers every method, not only /bench.Echo/Echo (a stub upstream)."""
    server = grpc.aio.server()
    handler = EchoHandler(payload, any_method)
    server.add_generic_rpc_handlers((handler,))
    if registered:
        method = grpc.unary_unary_rpc_method_handler(handler._echo)
        server.add_registered_method_handlers(
            "bench.Echo", {"Echo": method, **{f"Unused{i}": method for i in range(registered - 1)}}
        )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    _ready({"address": f"127.0.0.1:{port}"})
    await _until_sigterm()
    await server.stop(0)


async def serve_platform(data_dir: Path) -> None:
    from services.runtime.server import PursightServer

    server = await PursightServer(bench_settings(data_dir), usable_services()).start()
    _ready({"address": server.address})
    try:
        await _until_sigterm()
    finally:
        await server.stop(0)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench._serve")
    commands = parser.add_subparsers(dest="command", required=True)
    platform = commands.add_parser("platform")
    platform.add_argument("--data-dir", type=Path, required=True)
    echo = commands.add_parser("echo")
    echo.add_argument("--payload", default="", help="the reply, as hex")
    echo.add_argument(
        "--registered",
        type=int,
        default=0,
        help="also register this many methods (as generated code does)",
    )
    echo.add_argument(
        "--any-method", action="store_true", help="answer every method with the payload"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.command == "platform":
        asyncio.run(serve_platform(args.data_dir))
    else:
        asyncio.run(serve_echo(bytes.fromhex(args.payload), args.registered, args.any_method))


if __name__ == "__main__":
    main()
