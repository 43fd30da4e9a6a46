"""``python -m bench``: runs every benchmark, or those picked with ``--only``.

Examples::

    python -m bench                                   # all three
    python -m bench --only grpc_get_asset --duration 5 --warmup 1 --rounds 3
    python -m bench --only gateway_get_asset
    python -m bench --only search --sizes 100000      # one size; default both
    python -m bench --only search --reload            # rebuild the search datasets
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import warnings
from pathlib import Path

from bench._load import table
from bench.grpc_get_asset import LoadSettings

BENCHMARKS = ("grpc_get_asset", "gateway_get_asset", "search")


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 1000 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are comma-separated counts of at least 1000")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=BENCHMARKS,
        help="run only this benchmark (repeatable); default all",
    )
    # A fixed place so the big search datasets survive between runs; nothing secret in it.
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path("/tmp/pursight-bench"),  # noqa: S108
        help="data directories of the embedded stores (kept between runs)",
    )
    load = parser.add_argument_group("throughput benchmarks (grpc_get_asset, gateway_get_asset)")
    load.add_argument("--concurrency", type=int, default=50, help="calls in flight")
    load.add_argument("--duration", type=float, default=5.0, help="seconds measured per run")
    load.add_argument("--warmup", type=float, default=1.0, help="seconds before measuring")
    load.add_argument(
        "--rounds", type=int, default=3, help="alternating runs of each side; medians are compared"
    )
    search = parser.add_argument_group("search")
    search.add_argument(
        "--sizes",
        type=_sizes,
        default=[100_000, 1_000_000],
        help="asset counts, comma-separated (default 100000,1000000)",
    )
    search.add_argument("--queries", type=int, default=200, help="queries per class")
    search.add_argument(
        "--reload", action="store_true", help="drop and reload the search datasets even if present"
    )
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> list[dict[str, object]]:
    from bench import gateway_get_asset, grpc_get_asset, search

    chosen = args.only or list(BENCHMARKS)
    load = LoadSettings(args.concurrency, args.warmup, args.duration, args.rounds)
    results: list[dict[str, object]] = []
    rpc_dir = args.work_dir / "rpc"
    if "grpc_get_asset" in chosen:
        results.append(await grpc_get_asset.run(rpc_dir, load))
    if "gateway_get_asset" in chosen:
        results.append(await gateway_get_asset.run(rpc_dir, load))
    if "search" in chosen:
        results.extend(await search.run(args.work_dir, args.sizes, args.queries, args.reload))
    return results


def summary(results: list[dict[str, object]]) -> str:
    rows: list[list[object]] = []
    for result in results:
        rows.append(
            [
                str(result["benchmark"]),
                str(result.get("measure", "ratio")),
                str(result.get("value_text", f"{result.get('ratio', 0.0):.2f}")),
                str(result.get("target_text", f">= {result.get('target', '')}")),
                str(result.get("verdict", "")) or _verdict(result),
            ]
        )
    return table(["benchmark", "measure", "value", "target", "verdict"], rows)


def _verdict(result: dict[str, object]) -> str:
    if result.get("skipped"):
        return f"skipped: {result['skipped']}"
    ratio, target = result.get("ratio"), result.get("target")
    if isinstance(ratio, float) and isinstance(target, float):
        return "meets" if ratio >= target else "MISSES"
    return ""


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # XDG_RUNTIME_DIR unset
    results = asyncio.run(run(args))
    print("\n== summary")
    print(summary(results))


if __name__ == "__main__":
    main()
