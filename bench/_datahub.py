"""DataHub's ingestion CLI as the peer of the scan benchmark, in a virtualenv of its own.

``acryl-datahub`` pins many libraries (SQLAlchemy, pydantic, protobuf...) at versions
ours does not use, so it never goes into the project's environment: the benchmark makes
a virtualenv under its work directory on first use, installs the pinned release with
its ``postgres`` extra there, and runs ``datahub ingest -c recipe.yml`` as a subprocess.
A marker file in the virtualenv records what was installed; a different pin reinstalls.

A run writes to DataHub's file sink, and the file is read back afterwards: a run that
produced fewer datasets (or profiles) than the database holds raises, so a broken run
is never reported as a fast one.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import venv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The release measured; change it here, and the next run reinstalls.
DATAHUB_SPEC = "acryl-datahub[postgres]==1.7.0.17"
MARKER = "pursight-bench-installed.txt"
_SCHEMA_ASPECT = "com.linkedin.pegasus2avro.schema.SchemaMetadata"


def _environment() -> dict[str, str]:
    """Our environment less what would leak the project's packages into DataHub's
    interpreter, with DataHub's usage telemetry off (this machine has no network)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["DATAHUB_TELEMETRY_ENABLED"] = "false"
    return env


def ensure_installed(work_dir: Path) -> Path:
    """The ``datahub`` executable of the benchmark's own virtualenv, installed if needed."""
    home = work_dir / "datahub-venv"
    executable = home / "bin" / "datahub"
    marker = home / MARKER
    if executable.exists() and marker.exists() and marker.read_text().strip() == DATAHUB_SPEC:
        return executable
    print(f"   installing {DATAHUB_SPEC} into {home} (once; a few minutes)", flush=True)
    began = time.perf_counter()
    venv.EnvBuilder(with_pip=True, clear=True).create(home)
    result = subprocess.run(  # noqa: S603 - our virtualenv's pip, a fixed requirement
        [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", DATAHUB_SPEC],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"pip could not install {DATAHUB_SPEC} (exit {result.returncode}):\n"
            + result.stderr[-3000:]
        )
    marker.write_text(DATAHUB_SPEC + "\n")
    print(f"   installed in {time.perf_counter() - began:.0f} s", flush=True)
    return executable


def startup_seconds(executable: Path) -> float:
    """Wall clock of ``datahub version``: the CLI's own start-up (imports), which every
    ``datahub ingest`` pays too; printed beside the results so they can be read fairly."""
    began = time.perf_counter()
    subprocess.run(  # noqa: S603 - the CLI we installed
        [str(executable), "version"], capture_output=True, env=_environment(), check=True
    )
    return time.perf_counter() - began


@dataclass
class SinkContents:
    """What a file sink received: datasets with a schema, their fields, profiles."""

    datasets: int
    fields: int
    profiles: int
    field_profiles: int
    records: int


def read_sink(path: Path) -> SinkContents:
    """Counts the datasets (by their SchemaMetadata aspect, sent inside a
    DatasetSnapshot or on its own) and the datasetProfile aspects in a sink file."""
    records: list[dict[str, Any]] = json.loads(path.read_text())
    fields: dict[str, int] = {}
    profiles: Counter[str] = Counter()
    field_profiles = 0
    for record in records:
        snapshot = record.get("proposedSnapshot")
        if snapshot:
            (body,) = snapshot.values()
            for aspect in body.get("aspects", []):
                if _SCHEMA_ASPECT in aspect:
                    fields[body["urn"]] = len(aspect[_SCHEMA_ASPECT].get("fields", []))
            continue
        if record.get("entityType") != "dataset":
            continue
        value = record.get("aspect", {}).get("json", {})
        if record.get("aspectName") == "schemaMetadata":
            fields[record["entityUrn"]] = len(value.get("fields", []))
        elif record.get("aspectName") == "datasetProfile":
            profiles[record["entityUrn"]] += 1
            field_profiles += len(value.get("fieldProfiles", []))
    return SinkContents(
        len(fields), sum(fields.values()), len(profiles), field_profiles, len(records)
    )


@dataclass
class IngestRun:
    seconds: float
    sink: SinkContents
    log: Path
    cpu: float  # CPU seconds of the datahub process (user + system)


def ingest(
    executable: Path,
    run_dir: Path,
    *,
    host: str,
    port: int,
    database: str,
    user: str,
    password: str,
    profiling: bool,
) -> IngestRun:
    """One ``datahub ingest`` of ``database`` into a fresh sink file, timed end to end
    (process start to exit). Every source option but profiling is DataHub's default;
    with profiling on, every table and column is profiled with its default metrics."""
    run_dir.mkdir(parents=True, exist_ok=True)
    name = "profiling" if profiling else "metadata"
    sink = run_dir / f"{name}.json"
    sink.unlink(missing_ok=True)
    recipe = {
        "source": {
            "type": "postgres",
            "config": {
                "host_port": f"{host}:{port}",
                "database": database,
                "username": user,
                "password": password,
                "profiling": {"enabled": profiling},
            },
        },
        "sink": {"type": "file", "config": {"filename": str(sink)}},
    }
    recipe_path = run_dir / f"{name}.yml"
    recipe_path.write_text(json.dumps(recipe, indent=2))  # JSON is YAML
    log = run_dir / f"{name}.log"
    # Children's CPU is counted once they are waited for: the delta is this run's.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(  # noqa: S603 - the CLI we installed, our recipe
            [str(executable), "ingest", "-c", str(recipe_path), "--no-default-report"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_environment(),
            check=False,
        ).returncode
    seconds = time.perf_counter() - began
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime - usage.ru_utime - usage.ru_stime
    if code != 0:
        tail = log.read_text()[-3000:]
        raise RuntimeError(f"datahub ingest ({name}) exited with {code}; {log}:\n{tail}")
    return IngestRun(seconds, read_sink(sink), log, cpu)


def check(run: IngestRun, tables: int, columns: int, profiling: bool) -> None:
    """Raises unless the sink holds every table with its columns (and a profile of
    every table when profiling)."""
    got = run.sink
    expected = (tables, columns, tables if profiling else 0)
    if (got.datasets, got.fields, got.profiles) != expected:
        raise RuntimeError(
            f"the DataHub sink holds {got.datasets} datasets, {got.fields} fields,"
            f" {got.profiles} profiles; expected {expected} (see {run.log})"
        )


if __name__ == "__main__":  # python -m bench._datahub SINK.json: what a sink file holds
    print(read_sink(Path(sys.argv[1])))
