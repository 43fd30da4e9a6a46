"""Load generation and measurement: a closed loop with N calls in flight, CPU meters,
percentiles, and the small text tables every benchmark prints."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-quantile (0..1) by nearest rank; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))
    return ordered[index]


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid``; 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _postgres_cpu() -> dict[int, float]:
    """CPU seconds used so far by each running postgres process (server and backends)."""
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        if text.partition("(")[2].startswith("postgres)"):
            found[int(entry.name)] = _process_cpu(int(entry.name))
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return float(sum(values) - idle), float(sum(values))


@dataclass
class CpuMeter:
    """CPU used over a window, in % of one core, by the client, named children,
    PostgreSQL; and the machine's busy share (% of all cores)."""

    pids: Mapping[str, int]
    _start: dict[str, float] = field(default_factory=dict)
    _postgres: dict[int, float] = field(default_factory=dict)
    _wall: float = 0.0

    def _sample(self) -> dict[str, float]:
        sample = {"client": time.process_time()}
        sample.update({name: _process_cpu(pid) for name, pid in self.pids.items()})
        sample["_busy"], sample["_total"] = _machine_busy()
        return sample

    def start(self) -> None:
        self._start = self._sample()
        self._postgres = _postgres_cpu()
        self._wall = time.perf_counter()

    def stop(self) -> dict[str, float]:
        end = self._sample()
        # Backends that ended in between are lost; those that began count from zero.
        postgres = _postgres_cpu()
        end["postgres"] = sum(postgres.values())
        self._start["postgres"] = sum(self._postgres.get(pid, 0.0) for pid in postgres)
        wall = time.perf_counter() - self._wall
        used = {
            name: 100.0 * (end[name] - self._start[name]) / wall
            for name in end
            if not name.startswith("_")
        }
        total = end["_total"] - self._start["_total"]
        used["machine"] = 100.0 * (end["_busy"] - self._start["_busy"]) / total if total else 0.0
        return used


@dataclass
class LoadResult:
    """One closed-loop run."""

    label: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    cpu: dict[str, float]
    first_error: str = ""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def closed_loop(
    label: str,
    call: Callable[[], Awaitable[object]],
    *,
    concurrency: int,
    warmup: float,
    duration: float,
    pids: Mapping[str, int],
) -> LoadResult:
    """``concurrency`` workers calling ``call`` back to back; counts the calls that end in
    the ``duration`` after ``warmup``."""
    counting = False
    stopping = False
    latencies: list[float] = []
    errors = 0
    first_error = ""

    async def worker() -> None:
        nonlocal errors, first_error
        while not stopping:
            began = time.perf_counter()
            try:
                await call()
            except Exception as exc:  # noqa: BLE001 - counted and reported, not fatal
                if counting:
                    errors += 1
                    first_error = first_error or repr(exc)[:200]
                continue
            if counting:
                latencies.append(time.perf_counter() - began)

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    await asyncio.sleep(warmup)
    meter = CpuMeter(pids)
    meter.start()
    counting = True
    began = time.perf_counter()
    await asyncio.sleep(duration)
    counting = False
    seconds = time.perf_counter() - began
    cpu = meter.stop()
    stopping = True
    await asyncio.gather(*workers)
    return LoadResult(label, len(latencies), errors, seconds, latencies, cpu, first_error)


async def alternate(
    runs: Sequence[Callable[[], Awaitable[LoadResult]]], rounds: int
) -> list[list[LoadResult]]:
    """``rounds`` rounds of every run in turn (A B A B ...), so noise hits all of them;
    results grouped per run."""
    results: list[list[LoadResult]] = [[] for _ in runs]
    for index in range(rounds):
        order = range(len(runs)) if index % 2 == 0 else reversed(range(len(runs)))
        for position in order:
            results[position].append(await runs[position]())
    return results


def median_rps(results: Sequence[LoadResult]) -> float:
    return statistics.median(r.rps for r in results)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for row, raw in zip(cells, rows, strict=True):
        lines.append(
            "  ".join(
                c.rjust(w) if isinstance(v, int | float) else c.ljust(w)
                for c, v, w in zip(row, raw, widths, strict=True)
            )
        )
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def load_rows(results: Sequence[LoadResult], children: Sequence[str]) -> list[list[object]]:
    """Table rows for load runs: rps, latency, CPU (% of one core) and CPU time per
    request of each child: on a noisy machine the latter moves less than req/s."""
    rows: list[list[object]] = []
    for r in results:
        rows.append(
            [
                r.label,
                r.rps,
                1000 * percentile(r.latencies, 0.5),
                1000 * percentile(r.latencies, 0.99),
                r.errors,
                *(r.cpu.get(c, 0.0) for c in children),
                *(10 * r.cpu.get(c, 0.0) / r.rps if r.rps else 0.0 for c in children),
                r.cpu["postgres"],
                r.cpu["client"],
                r.cpu["machine"],
            ]
        )
    return rows


def load_headers(children: Sequence[str]) -> list[str]:
    return [
        "run",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        *(f"{c} cpu%" for c in children),
        *(f"{c} ms/req" for c in children),
        "postgres cpu%",
        "client cpu%",
        "machine busy%",
    ]
